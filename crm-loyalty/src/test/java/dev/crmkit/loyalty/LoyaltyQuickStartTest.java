package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the snippet of docs/loyalty.md in the module folder on the page's own program JSON and
 * checks the points its comments give; the page shows the text between the markers.
 */
class LoyaltyQuickStartTest {

  private static final Path PAGE = Path.of("../docs/loyalty.md");
  private static final Path PROGRAM = Path.of("coffee-club.json");
  private static final Path DATA = Path.of("data");

  @BeforeEach
  @AfterEach
  void removeTheFiles() throws IOException {
    Files.deleteIfExists(PROGRAM);
    if (Files.exists(DATA)) {
      try (Stream<Path> files = Files.walk(DATA)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void the_snippet_runs_on_the_pages_program() throws IOException {
    Files.writeString(PROGRAM, fenced(read(PAGE), "## Program JSON", "```json\n"), StandardCharsets.UTF_8);
    SettableClock clock = SettableClock.of(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);
    // --- loyalty (docs) ---
    LoyaltyProgram program = LoyaltyProgram.fromJson(Path.of("coffee-club.json")); // the program under Program JSON
    try (LedgerStore store = LedgerStore.h2(Path.of("data/loyalty"))) {          // or inMemory(), jdbc(dataSource)
      Loyalty loyalty = Loyalty.of(program, store, clock);                       // e.g. Clock.systemUTC()
      loyalty.importCodes("WELCOME", List.of("W-ANN"));                          // the host's codes (or issueCodes)
      CustomerId ann = CustomerId.of("ann");
      loyalty.event(ann, MemberEvent.REGISTRATION, "signup", "reg-ann");         // +50
      Purchase order = new Purchase(ann, "O-1", List.of(
          new Purchase.Line("ESP", "coffee", 2, Money.of("6.40", "EUR"))));      // two espressos, 6.40 paid
      loyalty.purchase(order, "order-O-1");                                      // +12 (6.40 x coffee multiplier 2)
      loyalty.purchase(order, "order-O-1");                                      // retry: same receipt, nothing written
      loyalty.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("3.20", "EUR")), "return-R-1"); // -6
      loyalty.redeemReward(ann, "free-coffee", "V-1", "reward-V-1");             // -40
      Receipt hold = loyalty.reserve(ann, 0, "W-ANN", "cart-9", "res-9");        // checkout starts: code and 5 points held
      loyalty.rollback(ann, "res-9", "undo-9");                                  // checkout failed: voucher and points back
      Balance b = loyalty.balance(ann);            // active, pending, dueToExpire, debt, total, earned, spent, expired, reversed
      Optional<TierStatus> tier = loyalty.tier(ann);
      Liability owed = loyalty.liability();
      loyalty.expireDue();                                                       // nightly; idempotent
    }
    // --- end of loyalty ---
    try (LedgerStore store = LedgerStore.h2(Path.of("data/loyalty"))) {
      Loyalty loyalty = Loyalty.of(program, store, clock);
      CustomerId ann = CustomerId.of("ann");
      List<Entry> ledger = loyalty.ledger(ann);
      assertThat(ledger).as("the order: one purchase and one earn entry, the retry wrote nothing")
          .filteredOn(e -> e.key().equals("order-O-1")).extracting(Entry::kind, Entry::points)
          .containsExactly(tuple(EntryKind.PURCHASE, 0L), tuple(EntryKind.EARN, 12L));
      assertThat(ledger).as("the reservation holds the series' 5 points")
          .filteredOn(e -> e.key().equals("res-9")).extracting(Entry::points).containsExactly(-5L);
      Balance balance = loyalty.balance(ann);
      assertThat(balance.earned()).as("50 for registering, 12 for the purchase").isEqualTo(62);
      assertThat(balance.reversed()).as("the return takes back half the purchase's points").isEqualTo(6);
      assertThat(balance.total()).as("62 - 6 - 40, the reservation rolled back").isEqualTo(16);
      assertThat(loyalty.tier(ann)).map(TierStatus::tier).contains("green");
    }
  }

  @Test
  void the_page_shows_the_snippet_that_runs() throws IOException {
    String test = read(Path.of("src/test/java/dev/crmkit/loyalty/LoyaltyQuickStartTest.java"));
    String start = "// --- loyalty (docs) ---\n";
    String snippet = test.substring(test.indexOf(start) + start.length(), test.indexOf("// --- end of loyalty ---"));
    snippet = snippet.substring(0, snippet.lastIndexOf('\n') + 1);
    int indent = snippet.length() - snippet.stripLeading().length();
    String expected = snippet.lines().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(fenced(read(PAGE), "crm-loyalty", "```java\n")).isEqualTo(expected);
  }

  private static String fenced(String page, String after, String open) {
    int from = page.indexOf(open, page.indexOf(after)) + open.length();
    return page.substring(from, page.indexOf("```", from));
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
