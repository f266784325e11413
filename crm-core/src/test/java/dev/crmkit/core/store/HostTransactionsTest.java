package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.docs.DocSnippets;
import dev.crmkit.core.event.DomainEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A host with its own (Spring) transactions: crmkit joins them with {@code JdbcOptions.hostManaged(pool)},
 * so the host's rollback takes crmkit's writes and events with it, and events leave after the
 * host's commit.
 */
class HostTransactionsTest {

  @TempDir Path dir;
  private JdbcConnectionPool pool;
  private JdbcTemplate jdbc;
  private final List<DomainEvent> delivered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void openTheApplicationsDatabase() {
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("app") + ";WRITE_DELAY=0",
        "sa", "");
    jdbc = new JdbcTemplate(new TransactionAwareDataSourceProxy(pool));
    jdbc.execute("CREATE TABLE shop_account (customer_id VARCHAR(200) PRIMARY KEY)");
  }

  @AfterEach
  void close() {
    pool.dispose();
  }

  @Test
  void crmkit_commits_with_the_hosts_transaction_and_relays_after_it() {
    DataSource pool = this.pool;
    // --- spring host (docs) ---
    PlatformTransactionManager transactions = new DataSourceTransactionManager(pool);
    CrmStore store = CrmStore.jdbc(new TransactionAwareDataSourceProxy(pool), JdbcOptions.hostManaged(pool));
    Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).build();

    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      Customer anna = crm.register(Registration.individual("Anna Schmidt"));
      jdbc.update("INSERT INTO shop_account (customer_id) VALUES (?)", anna.id().value());
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          crm.relayEvents();
        }
      });
    });
    // --- end of spring host ---
    assertThat(crm.customers().map(c -> c.id().value())).containsExactly("C-000001");
    assertThat(jdbc.queryForList("SELECT customer_id FROM shop_account", String.class))
        .containsExactly("C-000001");
    assertThat(store.outbox().pending()).isZero();
  }

  @Test
  void events_wait_for_the_hosts_commit() {
    PlatformTransactionManager transactions = new DataSourceTransactionManager(pool);
    CrmStore store = CrmStore.jdbc(new TransactionAwareDataSourceProxy(pool), JdbcOptions.hostManaged(pool));
    Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).build();
    crm.events().subscribe("record", DomainEvent.class, delivered::add);

    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      crm.register(Registration.individual("Anna Schmidt"));
      assertThat(delivered).as("nothing is delivered before the host commits").isEmpty();
      assertThat(crm.relayEvents()).as("the relay sees committed events only").isZero();
    });
    assertThat(delivered).isEmpty();
    assertThat(store.outbox().pending()).isEqualTo(1);
    assertThat(crm.relayEvents()).isEqualTo(1);
    assertThat(delivered).singleElement().isInstanceOf(CustomerEvent.CustomerRegistered.class);
  }

  @Test
  void the_hosts_rollback_takes_crmkits_writes_and_events_with_it() {
    PlatformTransactionManager transactions = new DataSourceTransactionManager(pool);
    CrmStore store = CrmStore.jdbc(new TransactionAwareDataSourceProxy(pool), JdbcOptions.hostManaged(pool));
    Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).build();
    crm.events().subscribe("record", DomainEvent.class, delivered::add);

    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      Customer anna = crm.register(Registration.individual("Anna Schmidt"));
      jdbc.update("INSERT INTO shop_account (customer_id) VALUES (?)", anna.id().value());
      status.setRollbackOnly();
    });

    assertThat(crm.find(CustomerId.of("C-000001"))).isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_account", Integer.class)).isZero();
    assertThat(store.outbox().pending()).isZero();
    crm.relayEvents();
    assertThat(delivered).isEmpty();
  }

  @Test
  void outside_a_host_transaction_each_call_is_a_transaction_of_its_own() {
    CrmStore store = CrmStore.jdbc(new TransactionAwareDataSourceProxy(pool), JdbcOptions.hostManaged(pool));
    Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).build();
    crm.events().subscribe("record", DomainEvent.class, delivered::add);

    Customer anna = crm.register(Registration.individual("Anna Schmidt"));

    assertThat(crm.find(anna.id())).isPresent();
    assertThat(delivered).singleElement().isInstanceOf(CustomerEvent.CustomerRegistered.class);
  }

  @Test
  void docs_show_exactly_this_wiring() {
    DocSnippets.assertPageShows("spring host", "dev/crmkit/core/store/HostTransactionsTest.java",
        "docs/core.md", "### In a Spring application");
  }
}
