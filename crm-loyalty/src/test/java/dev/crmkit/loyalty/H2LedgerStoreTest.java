package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Money;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2LedgerStoreTest extends JdbcLedgerStoreContract {
  @TempDir Path dir;

  @Override
  LedgerStore openStore() {
    return LedgerStore.h2(dir.resolve("loyalty"));
  }

  @Override
  List<String> childStoreArgs() {
    return List.of("h2", dir.resolve("loyalty").toAbsolutePath().toString());
  }

  @Override
  LedgerStore reopenStore() {
    return LedgerStore.h2(dir.resolve("loyalty"));
  }

  private final List<org.h2.jdbcx.JdbcConnectionPool> empties = new java.util.ArrayList<>();

  @Override
  DataSource emptyDatabase() {
    org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(
        "jdbc:h2:file:" + dir.resolve("empty-" + empties.size()).toAbsolutePath() + ";WRITE_DELAY=0", "", "");
    empties.add(pool);
    return pool;
  }

  @Override
  List<String> childArgsOfLastEmptyDatabase() {
    return List.of(); // an H2 file belongs to one process
  }

  @org.junit.jupiter.api.AfterEach
  void disposeEmpties() {
    empties.forEach(org.h2.jdbcx.JdbcConnectionPool::dispose);
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
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT \"version\", \"script\", \"success\" FROM \"loyalty_schema_history\" WHERE \"type\" = 'SQL' ORDER BY \"installed_rank\"")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("1");
      assertThat(rs.getString(2)).isEqualTo("V1__ledger.sql");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("2");
      assertThat(rs.getString(2)).isEqualTo("V2__member_state.sql");
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("V3__replay_progress.sql");
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("V4__open_holds.sql");
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("V5__entry_time.sql");
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("V6__campaign_budget.sql");
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.next()).isFalse();
    }
    store = LedgerStore.h2(dir.resolve("loyalty"));
  }

  private JdbcDataSource plainH2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("host").toAbsolutePath());
    return ds;
  }

  @Test
  void a_host_data_source_with_h2s_default_write_delay_is_made_durable() throws Exception {
    JdbcDataSource host = plainH2();
    try (Connection c = host.getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("500");
      LedgerStore.jdbc(host).close();
      ResultSet after = c.createStatement().executeQuery(
          "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
      after.next();
      assertThat(after.getString(1)).isEqualTo("0");
    }
  }

  /**
   * A write that fails and whose rollback fails too (a broken connection) must not be committed
   * by handing the connection back in autocommit mode.
   */
  @Test
  void a_failed_write_whose_rollback_fails_is_never_committed_half() {
    JdbcDataSource h2 = plainH2();
    AtomicBoolean rollbackFails = new AtomicBoolean(true);
    DataSource flaky = hooked(h2, (method, args) -> {
      if (method.equals("rollback") && args == null && rollbackFails.getAndSet(false)) {
        throw new SQLException("connection reset");
      }
    });
    LedgerStore hostStore = LedgerStore.jdbc(flaky);
    Loyalty l = Loyalty.of(Programs.simple("within-balance"), hostStore, clock);
    l.purchase(Programs.purchase("ann", "O-1", "30.00"), "k1");
    l.purchase(Programs.purchase("ann", "O-2", "30.00"), "k2");
    List<Entry> before = hostStore.entries(ann);
    AtomicInteger reached = new AtomicInteger();
    hostStore.failPoint = where -> {
      if (reached.incrementAndGet() == 2) {
        throw new IllegalStateException("simulated failure at " + where);
      }
    };
    assertThatThrownBy(() -> l.redeem(ann, 45, "O-3", "pay-3")).hasMessageContaining("simulated failure");
    hostStore.failPoint = where -> {};
    assertThat(hostStore.entries(ann)).isEqualTo(before);
    assertThat(hostStore.audit()).isEmpty();
    assertThat(l.redeem(ann, 45, "O-3", "pay-3").replayed()).isFalse();
  }

  /**
   * A write the database aborts (a deadlock, SQLState 40001) is rolled back and runs again: the
   * caller gets its receipt, and the ledger holds the write once.
   */
  @Test
  void a_write_the_database_aborts_for_a_deadlock_runs_again_and_is_stored_once() {
    JdbcDataSource h2 = plainH2();
    AtomicInteger aborts = new AtomicInteger(2);
    DataSource deadlocking = hooked(h2, (method, args) -> {
      if (method.equals("commit") && armed.get() && aborts.getAndDecrement() > 0) {
        throw new SQLException("Deadlock detected", "40001");
      }
    });
    LedgerStore hostStore = LedgerStore.jdbc(deadlocking);
    Loyalty l = Loyalty.of(Programs.simple("within-balance"), hostStore, clock);
    armed.set(true);
    Receipt receipt = l.purchase(Programs.purchase("ann", "O-1", "30.00"), "k1");
    armed.set(false);

    assertThat(aborts.get()).isNegative(); // two commits aborted, then the third went through
    assertThat(receipt.replayed()).isFalse();
    assertThat(receipt.entries()).isNotEmpty();
    assertThat(hostStore.entries(ann)).isEqualTo(receipt.entries());
    assertThat(hostStore.audit()).isEmpty();
    assertThat(l.purchase(Programs.purchase("ann", "O-1", "30.00"), "k1").replayed()).isTrue();
  }

  private final AtomicBoolean armed = new AtomicBoolean();

  /** Called before each method of a connection: may throw what the database would. */
  private interface ConnectionHook {
    void before(String method, Object[] args) throws SQLException;
  }

  /** {@code h2}, with {@code hook} run before every call on the connections it hands out. */
  private DataSource hooked(JdbcDataSource h2, ConnectionHook hook) {
    ClassLoader loader = getClass().getClassLoader();
    return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("getConnection")) {
            return method.invoke(h2, args);
          }
          Connection real = h2.getConnection();
          return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
            hook.before(m.getName(), a);
            try {
              return m.invoke(real, a);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
        });
  }

  /** Cuts the last operation of a member in half the way a crash did (issue 18). */
  private void cutInHalf(String member, long seq, String key) throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("loyalty").toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("SET REFERENTIAL_INTEGRITY FALSE"); // what the crash did: no check had a say
      s.execute("DELETE FROM loyalty_entry WHERE member_id = '" + member + "' AND seq = " + seq);
      s.execute("DELETE FROM loyalty_operation WHERE op_key = '" + key + "'");
      s.execute("SET REFERENTIAL_INTEGRITY TRUE");
    }
    store = LedgerStore.h2(dir.resolve("loyalty"));
  }

  @Test
  void a_member_whose_last_write_was_cut_in_half_is_reported_with_the_way_to_repair_it() throws Exception {
    Loyalty l = Loyalty.of(Programs.simple("within-balance"), store, clock);
    l.purchase(Programs.purchase("ann", "O-1", "30.00"), "buy-1");
    l.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("10.00", "EUR")), "ret-1"); // seq 3 RETURN, 4 REVERSE
    cutInHalf("ann", 3, "ret-1");
    Loyalty reopened = Loyalty.of(Programs.simple("within-balance"), store, clock);

    assertThat(store.audit()).extracting(LedgerStore.Damage::toString)
        .containsExactly("member ann, seq 3: entry 3 is missing (found 4)");
    // reads and writes go by the member row; verify finds the damage in the ledger behind it
    assertThat(store.verify(ann)).extracting(LedgerStore.Damage::toString)
        .containsExactly("member ann, seq 3: entry 3 is missing (found 4)");

    assertThat(store.repair(ann)).containsExactly("ret-1");
    assertThat(store.audit()).isEmpty();
    // the repair rebuilt the member row and the lots from what is left of the ledger
    assertThat(store.verifyAll()).isEmpty();
    assertThat(reopened.balance(ann).active()).isEqualTo(30);
    // the cut-off return was never complete: retried under its key, it runs for real
    Receipt retry = reopened.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("10.00", "EUR")), "ret-1");
    assertThat(retry.replayed()).isFalse();
    assertThat(reopened.balance(ann).active()).isEqualTo(20);
    assertThat(store.repair(ann)).isEmpty();
  }
}
