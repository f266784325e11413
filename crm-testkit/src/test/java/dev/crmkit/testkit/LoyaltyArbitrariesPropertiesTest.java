package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crmkit.loyalty.Balance;
import dev.crmkit.loyalty.Entry;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.MemberEvent;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of crm-loyalty's value types, drawn from {@link LoyaltyArbitraries}. */
class LoyaltyArbitrariesPropertiesTest {

  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  @Provide
  Arbitrary<LoyaltyProgram> programs() {
    return LoyaltyArbitraries.programs();
  }

  @Provide
  Arbitrary<LoyaltyArbitraries.LedgerRun> runs() {
    return LoyaltyArbitraries.ledgerRuns();
  }

  @Property(tries = 200)
  void a_program_written_as_json_reads_back_equal(@ForAll("programs") LoyaltyProgram program) throws Exception {
    String json = JSON.writeValueAsString(program);
    assertThat(LoyaltyProgram.fromJson(json)).as("read back from %s", json).isEqualTo(program);
  }

  @Property(tries = 60)
  void every_member_event_is_a_valid_event_rule(@ForAll MemberEvent event) {
    String json = "{\"id\": \"p\", \"currency\": \"EUR\", \"zone\": \"UTC\", \"pendingDays\": 0,"
        + " \"expiry\": {\"policy\": \"never\"}, \"returnPolicy\": \"unlimited\", \"rules\": [{\"id\": \"e\","
        + " \"type\": \"event\", \"event\": " + JSON.valueToTree(event) + ", \"points\": \"5\"}]}";
    assertThat(LoyaltyProgram.fromJson(json).rules().get(0).event()).isEqualTo(event);
  }

  @Property(tries = 60)
  void a_real_run_writes_a_ledger_numbered_from_one_that_sums_to_the_balance(
      @ForAll("runs") LoyaltyArbitraries.LedgerRun run) {
    Balance balance = run.loyalty().balance(LoyaltyArbitraries.MEMBER);
    CrmAssertions.assertThatLedger(run.ledger()).isNumberedFromOne().sumsTo(balance.total());
    assertThat(run.ledger()).allSatisfy(e -> assertThat(e.member()).isEqualTo(LoyaltyArbitraries.MEMBER));
    // every entry of the run refers to one of the history's orders or returns
    Set<String> known = run.purchases().stream().map(p -> p.orderId()).collect(Collectors.toSet());
    run.returns().forEach(r -> {
      known.add(r.returnId());
      known.add(r.orderId());
    });
    assertThat(run.ledger().stream().map(Entry::reference).filter(r -> r != null).toList())
        .allSatisfy(r -> assertThat(known).contains(r));
    assertThat(run.ledger()).isSortedAccordingTo(java.util.Comparator.comparing(Entry::at));
  }
}
