package dev.crmkit.testkit.loyalty;

import dev.crmkit.loyalty.LedgerStore;

/** The published contract on crm-loyalty's in-memory store. */
class InMemoryLedgerStoreContractTest extends LedgerStoreContract {
  @Override
  protected LedgerStore openStore() {
    return LedgerStore.inMemory();
  }

  @Override
  protected int stressOpsPerThread() {
    return 3000;
  }
}
