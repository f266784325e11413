package dev.crmkit.loyalty;

import static dev.crmkit.loyalty.Programs.program;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CustomerId;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay of the same file gives the same ledgers, however often and however interrupted. */
class ReplayRerunTest {

  static final String REFERRALS = """
      [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down"},
       {"id": "referrer", "type": "event", "event": "referral-referrer", "points": "25"},
       {"id": "referred", "type": "event", "event": "referral-referred", "points": "10"},
       {"id": "welcome", "type": "event", "event": "registration", "points": "5"}]""";

  final LoyaltyProgram program = program(0, "{\"policy\": \"never\"}", "within-balance", REFERRALS, null);

  static String line(String time, String member, String key, String type, String fields) {
    return "{\"time\": \"2026-03-02T" + time + "Z\", \"member\": \"" + member + "\", \"key\": \"" + key
        + "\", \"type\": \"" + type + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
  }

  /** Buy 100, reserve 100, a redeem of 50 refused (all held), roll the reservation back. */
  static final List<String> FILE = List.of(
      line("10:00:00", "ann", "buy", "purchase", "\"order\": \"O-1\", \"lines\": [{\"sku\": \"S\", \"category\": \"c\", \"quantity\": 1, \"paid\": \"100\"}]"),
      line("10:01:00", "ann", "res", "reserve", "\"points\": 100, \"reference\": \"cart\""),
      line("10:02:00", "ann", "pay", "redeem", "\"points\": 50, \"reference\": \"gift\""),
      line("10:03:00", "ann", "undo", "rollback", "\"reservation\": \"res\""),
      line("10:04:00", "bob", "ret", "return", "\"return\": \"" + "R".repeat(195) + "\", \"order\": \"O-9\", \"refunded\": \"1\""),
      line("10:05:00", "cy", "r1/referred", "event", "\"event\": \"registration\", \"reference\": \"signup\""),
      line("10:06:00", "dee", "r1", "referral", "\"referred\": \"cy\""));

  LoyaltyReplay.ReplayResult run(LedgerStore store, List<String> lines) throws Exception {
    return LoyaltyReplay.of(program, store).skipBadRows(true)
        .run(new BufferedReader(new StringReader(String.join("\n", lines))));
  }

  @Test
  void a_rerun_after_skipped_lines_does_not_apply_them_against_the_later_ledger() throws Exception {
    LedgerStore store = LedgerStore.inMemory();
    LoyaltyReplay.ReplayResult first = run(store, FILE);
    assertThat(first.skipped()).extracting(LoyaltyReplay.SkippedRow::line).containsExactly(3L, 5L, 7L);
    assertThat(first.skipped().get(1).reason()).startsWith("returnId: 'RRR").contains("(195 characters)");
    assertThat(first.skipped().get(2).reason()).contains("'r1/referred'");
    CustomerId ann = CustomerId.of("ann");
    assertThat(store.entries(ann).stream().mapToLong(Entry::points).sum()).isEqualTo(100);
    // a skipped referral keeps no points with the referrer
    assertThat(store.entries(CustomerId.of("dee"))).isEmpty();

    LoyaltyReplay.ReplayResult again = run(store, FILE);
    assertThat(again.applied()).isZero();
    assertThat(again.skipped()).extracting(LoyaltyReplay.SkippedRow::line).containsExactly(3L, 5L, 7L);
    assertThat(again.members()).isEqualTo(first.members());
    assertThat(store.entries(ann).stream().mapToLong(Entry::points).sum()).isEqualTo(100);
  }

  @Test
  void a_replay_interrupted_after_any_line_and_run_again_ends_in_the_same_ledgers() throws Exception {
    LoyaltyReplay.ReplayResult once = run(LedgerStore.inMemory(), FILE);
    for (int cut = 1; cut < FILE.size(); cut++) {
      LedgerStore store = LedgerStore.inMemory();
      run(store, FILE.subList(0, cut));
      LoyaltyReplay.ReplayResult resumed = run(store, FILE);
      assertThat(resumed.members()).as("interrupted after line %d", cut).isEqualTo(once.members());
    }
  }

  /** The replay reads as it goes: an event earlier than the one before it is a bad line, named. */
  @Test
  void an_event_out_of_time_order_is_a_bad_line_with_both_line_numbers() throws Exception {
    List<String> lines = List.of(FILE.get(0), FILE.get(1), "", FILE.get(0).replace("10:00:00", "09:59:59").replace("\"buy\"", "\"early\""),
        FILE.get(3));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoyaltyReplay.of(program, LedgerStore.inMemory())
            .run(new BufferedReader(new StringReader(String.join("\n", lines)))))
        .hasMessage("events line 4: time: 2026-03-02T09:59:59Z is before 2026-03-02T10:01:00Z, the time of line 2:"
            + " the replay reads the file as it goes, so events must be sorted by time (a stable sort keeps ties in file order)");
    LedgerStore store = LedgerStore.inMemory();
    LoyaltyReplay.ReplayResult result = run(store, lines);
    assertThat(result.skipped()).extracting(LoyaltyReplay.SkippedRow::line).containsExactly(4L);
    assertThat(result.applied()).isEqualTo(3);
    assertThat(store.operationKeys(CustomerId.of("ann"))).containsExactlyInAnyOrder("buy", "res", "undo");
  }
}
