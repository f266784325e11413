package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.crmkit.core.base.CustomerId;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay's shortcuts give what the general code gives: the time parse and the member output. */
class ReplayFastPathTest {

  @Test
  void the_simple_instant_is_the_instant_parse_or_leaves_the_text_to_it() {
    List<String> texts = List.of("2026-01-01T06:00:00Z", "2026-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
        "2026-02-29T12:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-06-30T23:59:60Z", "2026-01-01T06:00:00.5Z",
        "2026-01-01T06:00:00.123456789Z", "2026-01-01T06:00:00.1234567891Z", "2026-01-01T06:00:00.Z",
        "2026-01-01T06:00:00+01:00", "2026-01-01 06:00:00Z", "2026-1-01T06:00:00Z", "0999-01-01T00:00:00Z",
        "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+2026-01-01T06:00:00Z", "2026-01-01T06:00:00z",
        "2026-01-01T06:00:0aZ", "2026-01-01T06:00Z", "", "2026-01-01T06:00:00.12a4Z", "١٠٢٦-01-01T06:00:00Z");
    for (String t : texts) {
      check(t);
    }
    Random random = new Random(19);
    for (int i = 0; i < 20_000; i++) {
      check(Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 253_402_300_799L), random.nextBoolean() ? 0
          : random.nextInt(1_000_000_000)).toString());
    }
  }

  @Test
  void the_instant_output_is_instant_to_string() {
    long low = java.time.LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
    long high = java.time.LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;
    List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(low),
        Instant.ofEpochSecond(low - 1), Instant.ofEpochSecond(high), Instant.ofEpochSecond(high + 1), Instant.MIN,
        Instant.MAX, Instant.parse("2026-07-02T22:00:00Z"), Instant.parse("2026-07-02T22:00:00.000001Z"), Lot.NEVER);
    for (Instant t : edges) {
      assertThat(LoyaltyReplay.ReplayResult.isoInstant(t)).isEqualTo(t.toString());
    }
    Random random = new Random(6);
    for (int i = 0; i < 50_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(low - 86_400_000L, high + 86_400_000L), i % 5 == 0 ? random.nextInt(1000) * 1000 : 0);
      assertThat(LoyaltyReplay.ReplayResult.isoInstant(t)).isEqualTo(t.toString());
    }
  }

  private static void check(String text) {
    Instant fast = LoyaltyReplay.simpleInstant(text);
    Instant parsed;
    try {
      parsed = Instant.parse(text);
    } catch (DateTimeParseException e) {
      assertThat(fast).as(text).isNull(); // refused by Instant.parse, so never accepted here
      return;
    }
    if (fast != null) {
      assertThat(fast).as(text).isEqualTo(parsed);
    }
  }

  @Test
  void a_member_is_written_as_the_object_mapper_writes_it() throws Exception {
    CustomerId m = CustomerId.of("M-\"1\"\u00e9");
    List<Entry> ledger = List.of(
        new Entry(m, 1, EntryKind.EARN, 50, 1L, Instant.parse("2026-01-03T12:55:30Z"), Instant.parse("2026-01-03T12:55:30.5Z"),
            Instant.parse("2026-07-02T22:00:00Z"), "welcome", "sign\nup", null, "e1"),
        new Entry(m, 2, EntryKind.PURCHASE, 0, null, Instant.parse("2026-01-05T01:30:56.000001Z"), null, null, "purchase",
            "O2771", new BigDecimal("3.90"), "e2"),
        new Entry(m, 3, EntryKind.RETURN, 0, null, Instant.parse("2026-01-05T01:30:56Z"), null, null, "return r",
            "O2771", new BigDecimal("-1E+3"), "e3"),
        new Entry(m, 4, EntryKind.EXPIRE, -50, 1L, Instant.parse("2026-07-02T22:00:00Z"), null, null, "expired", null,
            new BigDecimal("0.000000000001"), null));
    Balance balance = new Balance(m, Instant.parse("2026-12-31T23:00:00Z"), 1, 2, 3, 4, 2, 6, 7, 8, 9);
    for (LoyaltyReplay.MemberResult r : List.of(new LoyaltyReplay.MemberResult(m, balance, "gold", ledger),
        new LoyaltyReplay.MemberResult(m, balance, null, List.of()))) {
      StringWriter mapped = new StringWriter();
      try (JsonGenerator g = LoyaltyReplay.JSON.writer().createGenerator(mapped)) {
        g.writeObject(r);
      }
      StringWriter written = new StringWriter();
      try (JsonGenerator g = LoyaltyReplay.JSON.writer().createGenerator(written)) {
        LoyaltyReplay.ReplayResult.writeMember(g, r);
      }
      assertThat(written.toString()).isEqualTo(mapped.toString());
    }
  }
}
