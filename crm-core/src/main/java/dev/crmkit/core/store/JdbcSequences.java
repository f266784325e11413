package dev.crmkit.core.store;

import dev.crmkit.core.base.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Counters in {@code crm_sequence}, taken a block at a time in a short transaction of their own
 * (so a use case does not hold the counter's row lock until it commits); the rest of a block
 * is lost when the process stops, which leaves a gap, never a repeat.
 */
final class JdbcSequences implements Sequences {

  private static final int BLOCK = 10;

  private final JdbcTransactions tx;
  private final Map<String, long[]> blocks = new HashMap<>(); // name -> {next, end}

  JdbcSequences(JdbcTransactions tx) {
    this.tx = tx;
  }

  @Override
  public synchronized long next(String name) {
    SequenceNames.check(name);
    long[] block = blocks.get(name);
    if (block == null || block[0] >= block[1]) {
      long start = allocate(name);
      block = new long[] {start, start + BLOCK};
      blocks.put(name, block);
    }
    return block[0]++;
  }

  private long allocate(String name) {
    // a short transaction of its own (with host transactions, on the plain pool)
    DataSource ds = tx.ownConnections();
    for (int attempt = 1; ; attempt++) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          long start = take(c, name);
          c.commit();
          return start;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          if (attempt < 5 && (JdbcCrmStore.uniqueViolation(e) || JdbcTransactions.retryable(e))) {
            continue;
          }
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw SqlFailures.of(e);
      }
    }
  }

  private static long take(Connection c, String name) throws SQLException {
    Long current = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT next_value FROM crm_sequence WHERE name = ? FOR UPDATE")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          current = rs.getLong(1);
        }
      }
    }
    if (current == null) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO crm_sequence (name, next_value) VALUES (?, ?)")) {
        ps.setString(1, name);
        ps.setLong(2, 1 + BLOCK);
        ps.executeUpdate();
      }
      return 1;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE crm_sequence SET next_value = ? WHERE name = ?")) {
      ps.setLong(1, current + BLOCK);
      ps.setString(2, name);
      ps.executeUpdate();
    }
    return current;
  }
}
