package dev.crmkit.core;

import static dev.crmkit.core.service.CaseStatus.CLOSED;
import static dev.crmkit.core.service.CaseStatus.IN_PROGRESS;
import static dev.crmkit.core.service.CaseStatus.OPEN;
import static dev.crmkit.core.service.CaseStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.UnknownCustomerException;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseStatus;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.ComplaintSummary;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseLifecycleTest {

  /** The facade under test: in memory here, on H2 in {@link CaseLifecycleH2Test}. */
  Crm crm(java.time.Clock clock) {
    return Fixtures.crm(clock);
  }


  private static final Set<List<CaseStatus>> LEGAL = Set.of(
      List.of(OPEN, IN_PROGRESS), List.of(IN_PROGRESS, RESOLVED), List.of(RESOLVED, CLOSED),
      List.of(RESOLVED, IN_PROGRESS));

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  final Crm crm = crm(clock);
  private final ServiceDesk desk = ServiceFixtures.desk(crm, clock);
  private final Individual anna = crm.register(Fixtures.anna());

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (CaseStatus from : CaseStatus.values()) {
      for (CaseStatus to : CaseStatus.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void every_transition_is_allowed_or_rejected_by_name(CaseStatus from, CaseStatus to) {
    ServiceCase c = caseIn(from);
    boolean legal = LEGAL.contains(List.of(from, to));
    assertThat(from.canMoveTo(to)).isEqualTo(legal);
    if (legal) {
      ServiceCase moved = to == RESOLVED ? desk.resolve(c.id(), "fixed")
          : desk.move(c.id(), to);
      assertThat(moved.status()).isEqualTo(to);
      assertThat(desk.get(c.id()).status()).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> {
        if (to == RESOLVED) {
          desk.resolve(c.id(), "fixed");
        } else {
          desk.move(c.id(), to);
        }
      }).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot move from " + from + " to " + to);
      assertThat(desk.get(c.id()).status()).isEqualTo(from);
    }
  }

  @Test
  void resolving_needs_a_resolution_and_records_it_with_the_time() {
    ServiceCase c = caseIn(IN_PROGRESS);
    assertThatThrownBy(() -> desk.move(c.id(), RESOLVED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a resolution");
    clock.advance(Duration.ofHours(3));
    ServiceCase resolved = desk.resolve(c.id(), "rims replaced", "warehouse handling");
    assertThat(resolved.resolution()).contains("rims replaced");
    assertThat(resolved.rootCause()).contains("warehouse handling");
    assertThat(resolved.resolvedAt()).contains(clock.instant());
    assertThat(resolved.firstResponseAt()).isPresent();
  }

  @Test
  void satisfaction_comes_after_the_resolution_and_a_reopen_clears_both() {
    ServiceCase c = caseIn(IN_PROGRESS);
    assertThatThrownBy(() -> desk.recordSatisfaction(c.id(), 4))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is IN_PROGRESS");
    desk.resolve(c.id(), "fixed");
    assertThatThrownBy(() -> desk.recordSatisfaction(c.id(), 6))
        .hasMessage("satisfaction: '6' is not valid; expected 1 to 5 (CSAT)");
    assertThat(desk.recordSatisfaction(c.id(), 4).satisfaction()).contains(4);
    ServiceCase reopened = desk.reopen(c.id());
    assertThat(reopened.status()).isEqualTo(IN_PROGRESS);
    assertThat(reopened.resolution()).isEmpty();
    assertThat(reopened.satisfaction()).isEmpty();
    assertThat(reopened.firstResponseAt()).isEqualTo(c.firstResponseAt());
  }

  @Test
  void opening_checks_customer_owner_and_subject_and_publishes_events() {
    List<DomainEvent> events = new ArrayList<>();
    crm.events().subscribe(events::add);
    assertThatThrownBy(() -> desk.open(CaseRequest.of(CustomerId.of("C-404"), CaseType.INQUIRY,
        Priority.LOW, Channel.WEB).owner("a").subject("s")))
        .isInstanceOf(UnknownCustomerException.class).hasMessageContaining("C-404");
    assertThatThrownBy(() -> desk.open(CaseRequest.of(anna.id(), CaseType.INQUIRY,
        Priority.LOW, Channel.WEB).subject("s")))
        .hasMessageStartingWith("owner: 'null' is not valid");
    assertThatThrownBy(() -> desk.open(CaseRequest.of(anna.id(), CaseType.INQUIRY,
        Priority.LOW, Channel.WEB).owner("agent-1")))
        .hasMessageStartingWith("subject: 'null' is not valid");
    ServiceCase c = caseIn(RESOLVED);
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("CaseOpened", "CaseStatusChanged", "CaseStatusChanged");
    assertThat(((ServiceEvent.CaseStatusChanged) events.get(2)).from()).isEqualTo(IN_PROGRESS);
    assertThat(events).allMatch(e -> e.customerId().equals(anna.id()));
    assertThat(desk.cases(anna.id())).extracting(ServiceCase::id).containsExactly(c.id());
  }

  @Test
  void a_case_of_a_merged_record_belongs_to_the_survivor() {
    Individual dup = crm.register(Registration
        .individual("Anna Schmidt").email("anna@example.com"));
    ServiceCase c = desk.open(CaseRequest.of(dup.id(), CaseType.REPAIR, Priority.NORMAL,
        Channel.SERVICE_STATION).owner("agent-2").subject("brakes"));
    crm.merge(anna.id(), dup.id());
    assertThat(desk.cases(anna.id())).extracting(ServiceCase::id).containsExactly(c.id());
    assertThat(desk.cases(dup.id())).extracting(ServiceCase::id).containsExactly(c.id());
  }

  @Test
  void complaints_are_summarised_by_product_category_and_root_cause() {
    complaint("WINTER-TYRES", "delivery", "warehouse handling");
    complaint("WINTER-TYRES", "delivery", "warehouse handling");
    complaint("A-CLASS-180", "paint", null);
    desk.open(CaseRequest.of(anna.id(), CaseType.INQUIRY, Priority.LOW, Channel.WEB)
        .owner("agent-1").subject("opening hours")); // not a complaint
    desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.LOW, Channel.WEB)
        .owner("agent-1").subject("rude staff")); // names nothing
    ComplaintSummary s = desk.complaintSummary(Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(1)));
    assertThat(s.complaints()).isEqualTo(4);
    assertThat(s.byProduct()).isEqualTo(Map.of("WINTER-TYRES", 2L, "A-CLASS-180", 1L,
        ComplaintSummary.NOT_RECORDED, 1L));
    assertThat(s.byCategory()).isEqualTo(Map.of("delivery", 2L, "paint", 1L,
        ComplaintSummary.NOT_RECORDED, 1L));
    assertThat(s.byRootCause()).isEqualTo(Map.of("warehouse handling", 2L,
        ComplaintSummary.NOT_RECORDED, 2L));
    assertThat(desk.complaintSummary(Fixtures.T0.plus(Duration.ofDays(1)),
        Fixtures.T0.plus(Duration.ofDays(2))).complaints()).isZero();
    assertThatThrownBy(() -> desk.complaintSummary(Fixtures.T0, Fixtures.T0))
        .hasMessageStartingWith("until: '" + Fixtures.T0 + "' is not valid");
  }

  private void complaint(String product, String category, String rootCause) {
    ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
        Channel.HOTLINE).owner("agent-3").subject("complaint").product(product)
        .category(category));
    desk.start(c.id());
    if (rootCause != null) {
      desk.resolve(c.id(), "handled", rootCause);
    }
  }

  private ServiceCase caseIn(CaseStatus status) {
    ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
        Channel.HOTLINE).owner("agent-3").subject("scratched rims"));
    if (status == OPEN) {
      return c;
    }
    c = desk.start(c.id());
    if (status == IN_PROGRESS) {
      return c;
    }
    c = desk.resolve(c.id(), "rims replaced");
    if (status == RESOLVED) {
      return c;
    }
    return desk.close(c.id());
  }
}
