package dev.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.marketing.AgeBand;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.LaunchedCampaign;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.store.Records;
import dev.crmkit.core.time.SettableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every Java type Sales and Marketing store comes back from {@code CrmJson} and from the JDBC
 * store exactly as it went in, with every optional field set (and unset).
 */
class StoredRecordsJsonTest {

  private static final Instant AT = Instant.parse("2026-01-05T09:00:00.123456789Z");
  private final ObjectMapper json = CrmJson.mapper();

  static Lead convertedCompanyLead() {
    return new Lead("L-000042", "Alan Turing", Optional.of("Acme GmbH"),
        Optional.of(BuyingRole.TECHNICAL_EVALUATOR), Optional.of(NationalId.of("DE123456789")),
        Optional.of(EmailAddress.of("Alan@Acme.example")),
        Optional.of(PhoneNumber.of("+44 20 7946 0001")), Channel.EVENT, Optional.of("fair-2026"),
        "met at the fair; wants \"fleet\" pricing\nsecond line", AT, LeadStatus.CONVERTED,
        Optional.of("budget confirmed"), Optional.of(CustomerId.of("C-000007")),
        Optional.of("c-2"), Optional.of("OP-000003"), Optional.of(AT.plusSeconds(86_400)));
  }

  static Lead newPersonLead() {
    return new Lead("L-000043", "Ben Okafor", Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Channel.WEB, Optional.empty(), "",
        AT, LeadStatus.NEW, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  static Opportunity wonWithHistory() {
    List<StageChange> history = List.of(
        new StageChange(Optional.empty(), "qualification", AT, Optional.empty()),
        new StageChange(Optional.of("qualification"), "proposal", AT.plusSeconds(3600),
            Optional.empty()),
        new StageChange(Optional.of("proposal"), "lost", AT.plusSeconds(7200),
            Optional.of("price")),
        new StageChange(Optional.of("lost"), "negotiation", AT.plusSeconds(7200),
            Optional.of("came back with a budget")),
        new StageChange(Optional.of("negotiation"), "won", AT.plusSeconds(90_000),
            Optional.empty()));
    return new Opportunity("OP-000003", CustomerId.of("C-000007"), Optional.of("c-2"),
        Optional.of("L-000042"), "Fleet renewal", "agent-7", Money.of("1728000.50", "EUR"),
        LocalDate.of(2026, 6, 30), BigDecimal.ONE, "won", history,
        Set.of("O-000012", "O-000009"));
  }

  static Opportunity openWithOwnProbability() {
    return new Opportunity("OP-000004", CustomerId.of("C-000008"), Optional.empty(),
        Optional.empty(), "Car", "agent-3", Money.of("0.01", "USD"),
        LocalDate.of(2026, 3, 1), new BigDecimal("0.650"), "needs-analysis",
        List.of(new StageChange(Optional.empty(), "needs-analysis", AT, Optional.empty())),
        Set.of());
  }

  static Activity completedCall() {
    return new Activity("A-000005", ActivityType.CALL, "Discuss the quote",
        CustomerId.of("C-000007"), Optional.of("c-1"), Optional.of("OP-000003"), "agent-7", AT,
        Optional.of(AT.plusSeconds(7200)), Optional.of(AT.plusSeconds(3600)),
        Optional.of(AT.plusSeconds(5000)));
  }

  static Activity bareTask() {
    return new Activity("A-000006", ActivityType.TASK, "Send brochure",
        CustomerId.of("C-000008"), Optional.empty(), Optional.empty(), "agent-3", AT,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  static List<LaunchedCampaign> campaigns() {
    Campaign spring = Campaign.of("spring", "Spring launch", Channel.EMAIL,
        TargetSegment.profile().occupation("engineer").ageBand(AgeBand.of(25, 34))
            .region("Berlin"), Money.of("10000", "EUR"));
    Campaign mail = new Campaign("spring-mail", "Spring mailing", Optional.of("spring"),
        Channel.LETTER, TargetSegment.scoreClass("abc", "A"), Money.of("2000", "EUR"),
        Money.of("123.45", "EUR"));
    Campaign fair = Campaign.of("fair", "Trade fair", Channel.EVENT,
        TargetSegment.profile().industry("automotive"), Money.of("0", "GBP"));
    return List.of(new LaunchedCampaign(spring, 1, AT), new LaunchedCampaign(mail, 2, AT),
        new LaunchedCampaign(fair, 3, AT.plusSeconds(1)));
  }

  private void roundTrips(Object value) throws Exception {
    String text = json.writeValueAsString(value);
    assertThat(json.readValue(text, value.getClass())).as(text).isEqualTo(value);
  }

  @Test
  void every_stored_type_round_trips_through_crm_json() throws Exception {
    roundTrips(convertedCompanyLead());
    roundTrips(newPersonLead());
    roundTrips(wonWithHistory());
    roundTrips(openWithOwnProbability());
    roundTrips(completedCall());
    roundTrips(bareTask());
    for (LaunchedCampaign c : campaigns()) {
      roundTrips(c);
    }
    // the stage history keeps every change, in order, with its reasons
    Opportunity back = json.readValue(json.writeValueAsString(wonWithHistory()),
        Opportunity.class);
    assertThat(back.stageHistory()).extracting(StageChange::to)
        .containsExactly("qualification", "proposal", "lost", "negotiation", "won");
    assertThat(back.stageHistory().get(3).reason()).contains("came back with a budget");
    assertThat(back.probability()).isEqualTo(BigDecimal.ONE);
    assertThat(json.readValue(json.writeValueAsString(openWithOwnProbability()),
        Opportunity.class).probability()).isEqualTo(openWithOwnProbability().probability())
        .isEqualByComparingTo("0.65");
  }

  private static <T> void storedAndReadBack(Records<T> records, List<T> values) {
    values.forEach(records::add);
    RecordType<T> type = records.type();
    for (T v : values) {
      assertThat(records.find(type.idOf(v))).contains(v);
    }
    assertThat(records.all()).containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void every_stored_type_comes_back_from_the_jdbc_store_as_it_went_in() {
    SettableClock clock = SettableClock.of(AT, ZoneOffset.UTC);
    try (SalesFixtures.Opened h2 = SalesFixtures.open(SalesFixtures.Store.H2, clock)) {
      var store = h2.crm().store();
      store.transactions().inTransaction(() -> {
        storedAndReadBack(store.records(Sales.LEADS), List.of(convertedCompanyLead(),
            newPersonLead()));
        storedAndReadBack(store.records(Sales.OPPORTUNITIES), List.of(wonWithHistory(),
            openWithOwnProbability()));
        storedAndReadBack(store.records(Sales.ACTIVITIES), List.of(completedCall(),
            bareTask()));
        storedAndReadBack(store.records(Marketing.CAMPAIGNS), campaigns());
      });
      // read again outside the writing transaction, through the indexes
      assertThat(store.records(Sales.LEADS).findByCustomers(Set.of(CustomerId.of("C-000007"))))
          .containsExactly(convertedCompanyLead());
      assertThat(store.records(Marketing.CAMPAIGNS).findByRef("spring"))
          .containsExactly(campaigns().get(1));
      assertThat(store.records(Sales.OPPORTUNITIES).find("OP-000003"))
          .contains(wonWithHistory());
    }
  }
}
