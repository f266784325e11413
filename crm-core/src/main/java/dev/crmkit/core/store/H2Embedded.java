package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link CrmStore#embedded}: an H2 file database {@code crm} in a folder. Commits are written
 * before they return ({@code WRITE_DELAY=0}), so a process killed after a use case returned
 * keeps it; {@code AUTO_SERVER=TRUE} lets a second process (another host instance, the
 * {@code crm} tool) open the same folder while the first has it open.
 */
final class H2Embedded {

  private H2Embedded() {}

  static CrmStore open(Path directory) {
    notNull("directory", directory);
    try {
      Class.forName("org.h2.Driver", false, H2Embedded.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("CrmStore.embedded needs the H2 database on the class path:"
          + " add the dependency com.h2database:h2 (crmkit declares it optional), or use"
          + " CrmStore.jdbc(dataSource) with your own database", e);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store folder " + directory, e);
    }
    return Pool.open(url(directory));
  }

  static String url(Path directory) {
    return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("crm")
        + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=60000";
  }

  /** Kept apart so that H2's classes load only when H2 is there. */
  private static final class Pool {
    static CrmStore open(String url) {
      org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
      h2.setURL(url);
      org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(h2);
      pool.setMaxConnections(32);
      try {
        return JdbcCrmStore.open(pool, pool::dispose, JdbcOptions.DEFAULTS);
      } catch (RuntimeException e) {
        pool.dispose();
        throw e;
      }
    }
  }
}
