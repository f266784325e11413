package dev.crmkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Distributed engines (crm-spark) ship partial summaries and fitted models between machines with
 * Java serialization; what arrives must behave exactly like what was sent.
 */
class SerializationTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 1, 31);

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static TransactionLog part(String... customers) {
    TransactionLog.Builder b = TransactionLog.builder();
    int day = 0;
    for (String c : customers) {
      b.add(c, AS_OF.minusDays(day += 3), 10.25 + day, day % 2 == 0 ? "books" : null, 0.1);
    }
    return b.build();
  }

  @Test
  void a_summary_sent_and_received_merges_like_the_original() throws Exception {
    InteractionLog interactions = InteractionLog.builder()
        .add("C1", AS_OF.minusDays(1)).add("C9", AS_OF.minusDays(2)).build();
    CustomerSummary a = CustomerSummary.of(part("C1", "C2", "C1"), AS_OF, interactions);
    CustomerSummary b = CustomerSummary.of(part("C2", "C3"), AS_OF, InteractionLog.builder().build());

    CustomerSummary received = roundTrip(a);
    CustomerSummary merged = received.merge(roundTrip(b));
    CustomerSummary expected = a.merge(b);

    assertThat(merged.size()).isEqualTo(expected.size()).isEqualTo(3);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(merged.row(i)).isEqualTo(expected.row(i));
    }
    // the id index is not sent but rebuilt on demand
    assertThat(received.indexOf("C2")).isEqualTo(a.indexOf("C2"));
    assertThat(merged.interactionsWithoutPurchases()).isEqualTo(expected.interactionsWithoutPurchases());
    assertThat(merged.amountScale()).isEqualTo(expected.amountScale());
  }

  @Test
  void a_summary_with_attributes_keeps_them() throws Exception {
    CustomerAttributes attributes = CustomerAttributes.builder("population").add("C2", "organization").build();
    CustomerSummary s = CustomerSummary.of(part("C1", "C2"), AS_OF).withAttributes(attributes);

    CustomerSummary received = roundTrip(s);

    assertThat(received.attribute(received.indexOf("C2"), "population")).isEqualTo("organization");
    assertThat(received.attribute(received.indexOf("C1"), "population")).isNull();
  }

  @Test
  void a_clv_model_sent_and_received_values_customers_identically() throws Exception {
    Clv clv = Clv.of(new BgNbd(0.243, 4.414, 0.793, 2.426), new GammaGamma(6.25, 3.74, 15.44),
        TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);

    Clv received = roundTrip(clv);

    assertThat(received).isEqualTo(clv);
    assertThat(received.value(2, 30.43, 38.86, 25.0)).isEqualTo(clv.value(2, 30.43, 38.86, 25.0));
  }
}
