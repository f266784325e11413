package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2LedgerStoreTest extends LedgerStoreContract {
  @TempDir Path dir;

  @Override
  LedgerStore openStore() {
    return LedgerStore.h2(dir.resolve("loyalty"));
  }

  @Test
  void the_store_owns_its_schema_and_migrates_once() throws Exception {
    loyalty.purchase(Programs.purchase("ann", "O-1", "10.00"), "k1");
    store.close();
    // reopening runs no migration again and keeps the data
    store = LedgerStore.h2(dir.resolve("loyalty"));
    assertThat(store.entries(ann)).hasSize(2);
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("loyalty").toAbsolutePath());
    store.close();
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT version, script FROM loyalty_schema_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("V1__ledger.sql");
      assertThat(rs.next()).isFalse();
    }
    store = LedgerStore.h2(dir.resolve("loyalty"));
  }
}
