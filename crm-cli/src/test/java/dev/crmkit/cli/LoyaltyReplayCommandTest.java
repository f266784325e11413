package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crm loyalty replay} on a worked example (src/test/resources/loyalty): the coffee club,
 * 1 point per euro, coffee counts double, gift cards earn nothing, 50 points for registering,
 * points expire after 30 days (Europe/Berlin days), gold tier (x2) from 100 points earned in
 * the calendar year.
 *
 * <p>By hand, line by line:
 *
 * <pre>
 *  1  01-05 ann registers                 +50  lot A1, usable through 02-04 (expires 2026-02-04T23:00Z)
 *  2  01-06 ann O-1: 3.20 coffee x2 + 4.90 food, 20.00 gift excluded: 6.40 + 4.90 = 11.30 -> +11 (lot A2, expires 02-05T23:00Z)
 *  3  01-07 bob O-2: 60.00 coffee x2 = 120 -> +120 (lot B1); 120 points earned this year: gold at once
 *  4  01-08 bob O-3: 10.00 misc x gold 2 = +20 (lot B2)
 *  5  01-10 ann reward free-coffee -40: drawn from A1, which expires first (A1 10 left, A2 11)
 *  6  01-12 bob returns 30.00 of O-2's 60.00: floor(120 * 30/60) = 60 taken back from B1 (B1 60 left)
 *  7  01-13 voucher code W-ANN imported into series WELCOME (5 points per use)
 *  8  01-14 ann reserves W-ANN: holds 5 points from A1 (A1 5 left)
 *  9  01-14 ann rolls the reservation back: the 5 points return to A1 (A1 10 left)
 * 10  01-15 the purchase of line 2 sent again with its key: a replay, nothing written
 * 11  01-16 bob redeems 500 but has 80: a bad row
 * 12  (blank)
 * 13  01-20 bob adjustment +7 (lot B3)
 * 14  02-10 ann O-5: after the as-of date, left out
 * as of 2026-02-04 (end of day in Berlin = 2026-02-04T23:00Z): A1 expires, 10 points written off.
 *   ann: active 11 (A2); earned 61, spent 40, expired 10; tier green (61 points earned this year)
 *   bob: active 60 + 20 + 7 = 87; earned 147, reversed 60; tier gold (80 now, but no review before 2027-01-01)
 *   liability 11 + 87 = 98 points, at 0.01 EUR: 0.98 EUR
 * </pre>
 */
class LoyaltyReplayCommandTest {

  @TempDir Path dir;
  Path program;
  Path events;

  @BeforeEach
  void copyExample() throws Exception {
    program = copy("coffee-club.json");
    events = copy("coffee-club-events.jsonl");
  }

  private Path copy(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/loyalty/" + name)) {
      Path target = dir.resolve(name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    }
  }

  @Test
  void the_worked_example_gives_the_balances_computed_by_hand() throws Exception {
    Path output = dir.resolve("result.json");
    CrmCommandTest.Result r = CrmCommandTest.crm("loyalty", "replay", "--program", program.toString(),
        "--events", events.toString(), "--as-of", "2026-02-04", "--skip-bad-rows", "--output", output.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("skipped line 11: member bob has 80 points to spend, not 500");
    JsonNode result = new ObjectMapper().readTree(output.toFile());
    assertThat(result.get("asOf").asText()).isEqualTo("2026-02-04T23:00:00Z");
    assertThat(result.get("applied").asLong()).isEqualTo(10);
    assertThat(result.get("replayed").asLong()).isEqualTo(1);
    assertThat(result.get("afterAsOf").asLong()).isEqualTo(1);
    assertThat(result.get("skipped").get(0).get("line").asLong()).isEqualTo(11);
    assertThat(result.get("liability").get("points").asLong()).isEqualTo(98);
    assertThat(result.get("liability").get("value").get("amount").asText()).isEqualTo("0.98");

    JsonNode ann = member(result, "ann");
    assertThat(ann.get("tier").asText()).isEqualTo("green");
    assertThat(balance(ann, "active", "pending", "debt", "earned", "spent", "expired", "total"))
        .containsExactly(11L, 0L, 0L, 61L, 40L, 10L, 11L);
    List<String> annKinds = new ArrayList<>();
    ann.get("ledger").forEach(e -> annKinds.add(e.get("kind").asText() + " " + e.get("points").asLong()));
    assertThat(annKinds).containsExactly(
        "EARN 50", "PURCHASE 0", "EARN 11", "REDEEM -40", "HOLD -5", "RESTORE 5", "EXPIRE -10");

    JsonNode bob = member(result, "bob");
    assertThat(bob.get("tier").asText()).isEqualTo("gold");
    assertThat(balance(bob, "active", "earned", "reversed", "total")).containsExactly(87L, 147L, 60L, 87L);
  }

  @Test
  void a_bad_line_stops_the_replay_with_its_number_and_reason() {
    CrmCommandTest.Result r = CrmCommandTest.crm("loyalty", "replay", "--program", program.toString(),
        "--events", events.toString(), "--output", dir.resolve("out.json").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("events line 11: member bob has 80 points to spend, not 500");
    assertThat(dir.resolve("out.json")).doesNotExist();
  }

  @Test
  void a_malformed_line_is_named_and_a_missing_option_is_bad_usage() throws Exception {
    Files.writeString(events, "{\"time\": \"yesterday\", \"member\": \"ann\", \"key\": \"k\", \"type\": \"redeem\", \"points\": 1, \"reference\": \"x\"}\n");
    CrmCommandTest.Result r = CrmCommandTest.crm("loyalty", "replay", "--program", program.toString(),
        "--events", events.toString(), "--output", dir.resolve("out.json").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("events line 1: time: 'yesterday' is not an ISO-8601 instant");
    assertThat(CrmCommandTest.crm("loyalty", "replay", "--program", program.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void replaying_into_a_database_twice_writes_nothing_the_second_time() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath();
    String[] args = {"loyalty", "replay", "--program", program.toString(), "--events", events.toString(),
        "--as-of", "2026-02-04", "--skip-bad-rows", "--store", url, "--output", dir.resolve("first.json").toString()};
    assertThat(CrmCommandTest.crm(args).exitCode()).isZero();
    args[args.length - 1] = dir.resolve("second.json").toString();
    CrmCommandTest.Result second = CrmCommandTest.crm(args);
    assertThat(second.exitCode()).as(second.err()).isZero();
    JsonNode first = new ObjectMapper().readTree(dir.resolve("first.json").toFile());
    JsonNode again = new ObjectMapper().readTree(dir.resolve("second.json").toFile());
    assertThat(again.get("applied").asLong()).isZero();
    assertThat(again.get("replayed").asLong()).isEqualTo(11);
    assertThat(again.get("members")).isEqualTo(first.get("members"));
  }

  @Test
  void with_a_new_store_the_error_is_the_only_line_on_stderr_and_names_the_whole_command() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("fresh").toAbsolutePath();
    PrintStream saved = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    CrmCommandTest.Result r;
    try {
      r = CrmCommandTest.crm("loyalty", "replay", "--program", program.toString(), "--events", events.toString(),
          "--store", url, "--output", dir.resolve("out.json").toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("crm loyalty replay: events line 11: member bob has 80 points to spend, not 500");
    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("migration").doesNotContain("INFO");
  }

  private static JsonNode member(JsonNode result, String id) {
    for (JsonNode m : result.get("members")) {
      if (m.get("member").asText().equals(id)) {
        return m;
      }
    }
    throw new AssertionError("no member " + id + " in " + result);
  }

  private static List<Long> balance(JsonNode member, String... fields) {
    List<Long> out = new ArrayList<>();
    for (String f : fields) {
      out.add(member.get("balance").get(f).asLong());
    }
    return out;
  }
}
