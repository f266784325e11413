package dev.crmkit.core.store;

/** The contract on the in-memory store. */
class InMemoryCrmStoreTest extends CrmStoreContract {

  @Override
  CrmStore open() {
    return CrmStore.inMemory();
  }
}
