package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.EventBus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A commit the database refuses (connection lost, disk full): the use case fails, whole. */
class FailingCommitTest {

  private final AtomicBoolean failNextCommit = new AtomicBoolean();

  private DataSource failingCommits() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:failing-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (p, m, args) -> {
          Object result = invoke(h2, m, args);
          return result instanceof Connection c ? failing(c) : result;
        });
  }

  private Connection failing(Connection c) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, args) -> {
          if (m.getName().equals("commit") && failNextCommit.getAndSet(false)) {
            throw new SQLException("connection lost during commit", "08006");
          }
          return invoke(c, m, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void a_refused_commit_keeps_nothing_and_later_use_cases_still_deliver_their_events() {
    List<String> seen = new ArrayList<>();
    EventBus bus = EventBus.create();
    bus.subscribe(e -> seen.add(StoreWorker.key(e)));
    try (CrmStore store = CrmStore.jdbc(failingCommits())) {
      Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).events(bus).build();

      failNextCommit.set(true);
      assertThatThrownBy(() -> crm.register(Registration.individual("Anna")
          .id(CustomerId.of("C-1")))).isInstanceOf(StoreException.class)
          .hasMessageContaining("connection lost during commit");

      assertThat(store.customers().resolve(CustomerId.of("C-1"))).isEmpty();
      assertThat(store.outbox().pending()).isZero();
      crm.register(Registration.individual("Bo").id(CustomerId.of("C-2")));
      assertThat(seen).containsExactly("C-2");
    }
  }
}
