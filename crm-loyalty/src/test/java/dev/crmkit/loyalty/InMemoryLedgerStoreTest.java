package dev.crmkit.loyalty;

class InMemoryLedgerStoreTest extends LedgerStoreContract {
  @Override
  LedgerStore openStore() {
    return LedgerStore.inMemory();
  }

  @Override
  int stressOpsPerThread() {
    return 3000;
  }
}
