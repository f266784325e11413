package dev.crmkit.loyalty;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded H2 file store. Kept apart from {@link JdbcLedgerStore} so that the H2 driver (an
 * optional dependency) is loaded only by hosts that open an H2 file store.
 */
final class H2Stores {
  private H2Stores() {}

  /**
   * The settings crmkit adds to every H2 URL it opens: {@code WRITE_DELAY=0} writes each commit
   * to the file before the commit returns (H2's default buffers commits for 500 ms, and a killed
   * process loses them); a long lock timeout lets writers of a hot member queue on its row.
   */
  static final String URL_SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=60000";

  static JdbcLedgerStore open(Path file) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + file.toAbsolutePath() + URL_SETTINGS);
    JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
    pool.setMaxConnections(16);
    try {
      return new JdbcLedgerStore(pool, pool::dispose);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
  }
}
