package dev.crmkit.scoring.strategies;

import static dev.crmkit.scoring.strategies.Summaries.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RfmTiePropertyTest {

  record Tx(int customer, int daysAgo, int amount) {}

  @Provide
  Arbitrary<List<Tx>> transactions() {
    // few customers, few distinct days and amounts: heavy ties in all three dimensions
    return Combinators.combine(
            Arbitraries.integers().between(0, 30),
            Arbitraries.integers().between(0, 6),
            Arbitraries.integers().between(1, 4))
        .as(Tx::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(120);
  }

  @Property(tries = 200)
  void equal_inputs_get_equal_scores_and_scores_are_monotone(
      @ForAll("transactions") List<Tx> rows, @ForAll @IntRange(min = 2, max = 7) int bins) {
    TransactionLog.Builder log = TransactionLog.builder();
    for (Tx t : rows) {
      log.add("C" + t.customer(), AS_OF.minusDays(t.daysAgo()), t.amount() * 10.0);
    }
    CustomerSummary summary = CustomerSummary.of(log.build(), AS_OF);
    ScoreTable rfm = new RfmStrategy(new RfmConfig(bins, null, null)).score(summary);

    for (int i = 0; i < rfm.size(); i++) {
      for (int j = 0; j < rfm.size(); j++) {
        check(rfm, i, j, "recency_days", "r", true);
        check(rfm, i, j, "frequency", "f", false);
        check(rfm, i, j, "monetary", "m", false);
      }
    }
  }

  private static void check(
      ScoreTable rfm, int i, int j, String input, String score, boolean lowerIsBetter) {
    double a = rfm.explanation(i, input);
    double b = rfm.explanation(j, input);
    double sa = rfm.score(i, score);
    double sb = rfm.score(j, score);
    if (a == b) {
      assertThat(sa).as("equal %s, equal %s", input, score).isEqualTo(sb);
    }
    boolean iBetter = lowerIsBetter ? a < b : a > b;
    if (iBetter) {
      assertThat(sa).as("better %s, no lower %s", input, score).isGreaterThanOrEqualTo(sb);
    }
  }
}
