package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.privacy.Privacy;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.repository.InMemoryCustomerRepository;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reports and settings of the service side round-trip through {@link CrmJson} like the core
 * model (the cases, answers and events have jqwik properties in crm-testkit).
 */
class ServiceReportsJsonTest {

  private static final ObjectMapper JSON = CrmJson.mapper();

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
  private final Crm crm = Crm.builder().clock(clock).customers(customers)
      .ids(IdGenerator.sequential()).build();
  private final ServiceDesk desk = ServiceFixtures.desk(crm, clock);
  private final Surveys surveys = Surveys.create(crm, desk, clock, crm.events());
  private final LostCustomers lost = LostCustomers.create(crm, clock, crm.events(),
      LapseRule.after(Duration.ofDays(30)), Set.of("price", "service"));
  private final Privacy privacy = Privacy.builder(crm, customers).clock(clock)
      .secret("a test key of 16+ bytes".getBytes(StandardCharsets.UTF_8)).serviceDesk(desk)
      .surveys(surveys).lostCustomers(lost).build();

  private static <T> void roundTrips(T value) throws Exception {
    String text = JSON.writeValueAsString(value);
    assertThat(JSON.readValue(text, value.getClass())).as(text).isEqualTo(value);
  }

  @Test
  void reports_and_settings_round_trip() throws Exception {
    Individual anna = crm.register(Fixtures.anna());
    crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "EUR")
        .line("SKU", "parts", 1, Money.of("10", "EUR"), Money.of("9.50", "EUR")));
    ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
        Channel.HOTLINE).owner("agent-3").subject("late").product("SKU").category("delivery"));
    desk.start(c.id());
    desk.resolve(c.id(), "sent again", "carrier");
    surveys.record(SurveyRequest.of(anna.id()).csat(4).nps(9).aboutCase(c.id()));
    lost.recordDeparture(anna.id(), "price", "too dear");
    Instant from = Fixtures.T0;
    Instant until = Fixtures.T0.plus(Duration.ofDays(1));

    roundTrips(desk.complaintSummary(from, until));
    roundTrips(surveys.report(from, until));
    roundTrips(surveys.compare(Set.of(anna.id()), from.minus(Duration.ofDays(1)), from, from,
        until));
    roundTrips(lost.summary(from, until));
    roundTrips(lost.lapsed(Fixtures.T0.plus(Duration.ofDays(60))).get(0));
    roundTrips(ServiceFixtures.CALENDAR);
    roundTrips(SlaTarget.businessHours(4, 8));
    roundTrips(ServiceFixtures.LADDER);
    roundTrips(ServiceFixtures.LADDER.levels().get(1));
    roundTrips(privacy.erase(anna.id()));
  }
}
