package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a host's H2 database, the store makes every commit durable before it returns. */
class H2DurabilityTest {

  @TempDir Path dir;

  @Test
  void opening_the_store_turns_h2s_write_delay_off() throws Exception {
    JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("host"),
        "sa", "");
    try {
      assertThat(writeDelay(pool)).as("H2's default").isEqualTo(500);
      CrmStore.jdbc(pool).close();
      assertThat(writeDelay(pool)).isZero();
    } finally {
      pool.dispose();
    }
  }

  private static int writeDelay(JdbcConnectionPool pool) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
            + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(rs.next()).isTrue();
      return Integer.parseInt(rs.getString(1));
    }
  }
}
