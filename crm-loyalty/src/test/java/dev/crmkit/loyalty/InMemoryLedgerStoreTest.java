package dev.crmkit.loyalty;

class InMemoryLedgerStoreTest extends LedgerStoreContract {
  @Override
  LedgerStore openStore() {
    return LedgerStore.inMemory();
  }
}
