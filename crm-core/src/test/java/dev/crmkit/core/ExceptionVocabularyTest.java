package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.ConflictException;
import dev.crmkit.core.base.CrmException;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.InvalidInputException;
import dev.crmkit.core.base.InvalidStateException;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.NotFoundException;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.base.StoreUnavailableException;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.time.SettableClock;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 14, point 8: one exception vocabulary across customers, service and sales, under the
 * standard types hosts already catch.
 */
class ExceptionVocabularyTest {

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Crm.inMemory(clock);
  private final ServiceDesk desk = ServiceDesk.create(crm, ServiceFixtures.SLA,
      ServiceFixtures.LADDER);
  private final Sales sales = Sales.builder(crm).build();
  private final Marketing marketing = Marketing.builder(crm)
      .attribution(AttributionRule.campaignCode()).unitCosts(UnitCosts.of(Map.of())).build();

  private static Throwable thrown(Executable call) {
    return catchThrowable(call::execute);
  }

  @Test
  void unknown_ids_are_not_found_everywhere() {
    for (Executable call : new Executable[] {
        () -> crm.get(CustomerId.of("C-nobody")),
        () -> crm.recordReturn(ReturnRequest.of("O-nothing").line(1, 1)),
        () -> desk.start("CASE-404"),
        () -> sales.qualify("L-404"),
        () -> sales.lose("OP-404", "price"),
        () -> marketing.recordCost("nope", Money.of("1", "EUR"))}) {
      assertThat(thrown(call)).isInstanceOf(NotFoundException.class)
          .isInstanceOf(InvalidInputException.class)
          .isInstanceOf(IllegalArgumentException.class)
          .isInstanceOf(CrmException.class);
    }
  }

  @Test
  void taken_ids_and_codes_are_conflicts() {
    crm.register(Registration.individual("Anna").id(CustomerId.of("C-1")).code("A-1"));
    marketing.launch(Campaign.of("spring", "Spring", Channel.EMAIL, TargetSegment.profile(),
        Money.of("1", "EUR")));
    for (Executable call : new Executable[] {
        () -> crm.register(Registration.individual("Ben").id(CustomerId.of("C-1"))),
        () -> crm.register(Registration.individual("Ben").code("A-1")),
        () -> marketing.launch(Campaign.of("spring", "Again", Channel.EMAIL,
            TargetSegment.profile(), Money.of("1", "EUR")))}) {
      assertThat(thrown(call)).isInstanceOf(ConflictException.class)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void bad_values_are_invalid_input_and_refused_moves_invalid_state() {
    assertThat(thrown(() -> Registration.individual("Anna").email("not an e-mail")))
        .isExactlyInstanceOf(InvalidInputException.class);
    CustomerId anna = crm.register(Registration.individual("Anna")).id();
    ServiceCase c = desk.open(CaseRequest.of(anna, CaseType.INQUIRY, Priority.LOW,
        Channel.PHONE).owner("agent").subject("hello"));
    Throwable refused = thrown(() -> desk.reopen(c.id()));
    assertThat(refused).isInstanceOf(InvalidStateException.class)
        .isInstanceOf(IllegalStateException.class).isInstanceOf(CrmException.class);
    assertThat(((CrmException) refused).retryable()).isFalse();
  }

  @Test
  void transient_store_failures_are_a_retryable_kind_of_store_exception() throws Exception {
    // the JDBC adapters' translation of a driver's exception (package-private in the store)
    java.lang.reflect.Method of = Class.forName("dev.crmkit.core.store.SqlFailures")
        .getDeclaredMethod("of", SQLException.class);
    of.setAccessible(true);
    for (String state : new String[] {"40001", "40P01", "08006", "HYT00"}) {
      Object e = of.invoke(null, new SQLException("boom", state));
      assertThat(e).as(state).isInstanceOf(StoreUnavailableException.class);
      assertThat(((CrmException) e).retryable()).isTrue();
    }
    Object syntax = of.invoke(null, new SQLException("bad", "42000"));
    assertThat(syntax).isExactlyInstanceOf(StoreException.class);
    assertThat(((CrmException) syntax).retryable()).isFalse();
  }
}
