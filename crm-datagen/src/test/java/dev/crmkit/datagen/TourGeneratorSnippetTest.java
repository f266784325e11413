package dev.crmkit.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.table.CustomerSummary;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Runs the generator snippet of docs/tour.md (the page shows the text between the markers). */
class TourGeneratorSnippetTest {

  @Test
  void the_generator_snippet_runs() {
    // --- generator (docs/tour.md) ---
    SyntheticBase base = SyntheticData.builder()
        .seed(42).customers(20_000)
        .period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))
        .bgNbd(0.243, 4.414, 0.793, 2.426)          // or .paretoNbd(r, alpha, s, beta); per week
        .gammaGammaSpend(6.25, 3.74, 15.44)
        .organizationShare(0.1).duplicateShare(0.005).discountShare(0.3)
        .complaintShare(0.03).surveyShare(0.1)
        .build();
    CustomerSummary summary = CustomerSummary.of(base.transactions(), base.end(), base.interactionLog())
        .withAttributes(base.attributes());
    // --- end of generator ---
    assertThat(summary.size()).isPositive();
    assertThat(base.end()).isEqualTo(LocalDate.of(2025, 12, 31));
  }
}
