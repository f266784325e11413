package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several instances starting at once on an empty database all open it; V1 runs once. */
class ConcurrentMigrationTest {

  @TempDir Path dir;

  @Test
  void four_threads_and_a_process_opening_one_empty_postgresql_schema_migrate_it_once() {
    try (PgSchema schema = PgSchema.create();
        Child child = Child.start("migrate", "pg:" + schema.name)) {
      child.awaitLine("OPENING", Duration.ofSeconds(90));
      ConcurrentLinkedQueue<CrmStore> opened = new ConcurrentLinkedQueue<>();
      CrmStoreContract.onThreads(4, t -> opened.add(CrmStore.jdbc(schema.simple())));
      child.awaitExit(Duration.ofSeconds(120));

      assertThat(child.lines).contains("MIGRATED");
      assertThat(opened).hasSize(4);
      assertThat(schema.queryLong("SELECT COUNT(*) FROM crm_schema_history WHERE version = '1'"
          + " AND success")).isEqualTo(1);
      assertThat(schema.queryLong("SELECT COUNT(*) FROM crm_schema_history WHERE NOT success"))
          .isZero();
      // each opened store works
      for (CrmStore store : opened) {
        assertThat(store.sequences().next("probe")).isPositive();
        store.close();
      }
    }
  }

  @Test
  void two_threads_opening_one_new_embedded_folder_migrate_it_once() throws Exception {
    ConcurrentLinkedQueue<CrmStore> opened = new ConcurrentLinkedQueue<>();
    CrmStoreContract.onThreads(2, t -> opened.add(CrmStore.embedded(dir)));
    try {
      assertThat(opened).hasSize(2);
      for (CrmStore store : opened) {
        assertThat(store.sequences().next("probe")).isPositive();
      }
    } finally {
      opened.forEach(CrmStore::close);
    }
    try (Connection c = org.h2.Driver.load().connect(H2Embedded.url(dir), new java.util.Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM"
            + " \"crm_schema_history\" ORDER BY \"installed_rank\"")) {
      List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "/" + rs.getBoolean(2));
      }
      assertThat(rows).containsOnlyOnce("1/true").doesNotContain("1/false");
    }
  }
}
