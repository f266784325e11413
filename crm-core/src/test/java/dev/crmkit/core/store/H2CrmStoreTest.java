package dev.crmkit.core.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 store, in a fresh folder for each test. */
class H2CrmStoreTest extends JdbcStoreContract {

  @TempDir Path dir;

  @Override
  CrmStore open() {
    return CrmStore.embedded(dir);
  }

  @Override
  CrmStore reopen() {
    return CrmStore.embedded(dir);
  }
}
