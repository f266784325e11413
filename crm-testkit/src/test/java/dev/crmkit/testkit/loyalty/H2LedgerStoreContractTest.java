package dev.crmkit.testkit.loyalty;

import dev.crmkit.loyalty.LedgerStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The published contract on crm-loyalty's embedded H2 file store. */
class H2LedgerStoreContractTest extends LedgerStoreContract {
  @TempDir Path dir;

  @Override
  protected LedgerStore openStore() {
    return LedgerStore.h2(dir.resolve("loyalty"));
  }

  /** A second pool on the same file: H2 shares one database between the pools of a process. */
  @Override
  protected LedgerStore openStoreOnTheSameDatabase() {
    return LedgerStore.h2(dir.resolve("loyalty"));
  }
}
