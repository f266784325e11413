package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's scoring snippet, compiled and run on a small file. */
class ScoringQuickStartTest {

  @TempDir Path dir;

  @Test
  void scoring_snippet_runs() throws IOException {
    Path transactionsCsv = dir.resolve("tx.csv");
    Files.writeString(transactionsCsv, String.join("\n",
        "customer_id,date,amount",
        "ann,2024-12-20,120.00", "ann,2024-11-02,80.00", "ann,2024-06-01,40.00",
        "bob,2024-03-15,15.00",
        "cem,2024-10-01,60.00", "cem,2024-12-01,35.50", ""));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      // --- scoring (README) ---
      ScoringEngine engine = ScoringEngine.load();
      CustomerSummary summary =
          TransactionLogCsv.summarize(transactionsCsv, LocalDate.parse("2024-12-31")).summary();
      ScoreTable rfm = engine.strategy("rfm", "{\"bins\": 3}").score(summary);
      for (int i = 0; i < rfm.size(); i++) {
        System.out.println(rfm.customerId(i) + " " + rfm.label(i) + " " + rfm.explanation(i));
      }
      // --- end of scoring ---
    } finally {
      System.setOut(stdout);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(3);
    assertThat(printed).contains("ann ").contains("bob ").contains("cem ");
  }

  @Test
  void readme_shows_exactly_this_snippet() {
    ReadmeSnippets.assertReadmeShows(
        "scoring", "dev/crmkit/examples/ScoringQuickStartTest.java", "## Scoring your customers");
  }

  @Test
  void readme_shows_the_plugin_as_it_is_built() {
    ReadmeSnippets.assertPageShows("big spenders",
        "src/main/java/dev/crmkit/examples/scoring/BigSpenders.java", "README.md",
        "A plugin is one class and one line");
    ReadmeSnippets.assertPageShows("big spenders",
        "src/main/java/dev/crmkit/examples/scoring/BigSpenders.java", "docs/scoring.md",
        "### Writing a plugin");
  }
}
