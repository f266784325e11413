package dev.crmkit.core;

import static dev.crmkit.core.service.CaseStatus.CLOSED;
import static dev.crmkit.core.service.CaseStatus.IN_PROGRESS;
import static dev.crmkit.core.service.CaseStatus.OPEN;
import static dev.crmkit.core.service.CaseStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseStatus;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of the public {@link ServiceDesk} API that acts on one case, tried on a case in
 * every status, against the rules of docs/service.md ("Cases and their lifecycle"): each pair
 * either gives the documented result, or throws naming the case, its status and what was tried,
 * and changes nothing (the stored case is the same and no event is published).
 */
class CaseOperationsTableTest {

  /** What an operation does to a case in a given status. */
  private sealed interface Outcome {}

  /** Allowed: the case ends in {@code status}. */
  private record Moves(CaseStatus status) implements Outcome {}

  /** Refused with this exception; the message names the case, its status and {@code tried}. */
  private record Refused(Class<? extends RuntimeException> type, String tried)
      implements Outcome {}

  private static Outcome to(CaseStatus s) {
    return new Moves(s);
  }

  private static final Outcome SAME = null; // allowed, status unchanged (filled per row)

  private static Outcome illegal(String tried) {
    return new Refused(IllegalStateException.class, tried);
  }

  private record Op(String name, BiFunction<ServiceDesk, String, ServiceCase> call,
      Outcome open, Outcome inProgress, Outcome resolved, Outcome closed) {

    Outcome in(CaseStatus s) {
      Outcome o = switch (s) {
        case OPEN -> open;
        case IN_PROGRESS -> inProgress;
        case RESOLVED -> resolved;
        case CLOSED -> closed;
      };
      return o == SAME ? new Moves(s) : o;
    }
  }

  // the table: one row per operation, one column per status the case is in
  private static final List<Op> TABLE = List.of(
      //     operation                                          OPEN          IN_PROGRESS
      //                                                        RESOLVED      CLOSED
      new Op("start", ServiceDesk::start,                       to(IN_PROGRESS), illegal("start"),
          illegal("start"), illegal("CLOSED is final")),
      new Op("resolve", (d, id) -> d.resolve(id, "fixed"),      illegal("to RESOLVED"),
          to(RESOLVED), illegal("to RESOLVED"), illegal("to RESOLVED")),
      new Op("resolve with root cause", (d, id) -> d.resolve(id, "fixed", "wear"),
          illegal("to RESOLVED"), to(RESOLVED), illegal("to RESOLVED"), illegal("to RESOLVED")),
      new Op("close", ServiceDesk::close,                       illegal("to CLOSED"),
          illegal("to CLOSED"), to(CLOSED), illegal("to CLOSED")),
      new Op("reopen", ServiceDesk::reopen,                     illegal("reopen"),
          illegal("reopen"), to(IN_PROGRESS), illegal("CLOSED is final")),
      new Op("move OPEN", (d, id) -> d.move(id, OPEN),          illegal("to OPEN"),
          illegal("to OPEN"), illegal("to OPEN"), illegal("to OPEN")),
      new Op("move IN_PROGRESS", (d, id) -> d.move(id, IN_PROGRESS), to(IN_PROGRESS),
          illegal("to IN_PROGRESS"), to(IN_PROGRESS), illegal("to IN_PROGRESS")),
      new Op("move RESOLVED", (d, id) -> d.move(id, RESOLVED),  illegal("to RESOLVED"),
          new Refused(IllegalArgumentException.class, "needs a resolution"),
          illegal("to RESOLVED"), illegal("to RESOLVED")),
      new Op("move CLOSED", (d, id) -> d.move(id, CLOSED),      illegal("to CLOSED"),
          illegal("to CLOSED"), to(CLOSED), illegal("to CLOSED")),
      // handing a case over is not a lifecycle move: allowed in every status
      new Op("reassign", (d, id) -> d.reassign(id, "agent-9"),  SAME, SAME, SAME, SAME),
      new Op("recordSatisfaction", (d, id) -> d.recordSatisfaction(id, 4),
          illegal("rating"), illegal("rating"), SAME, SAME));

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (Op op : TABLE) {
      for (CaseStatus s : CaseStatus.values()) {
        pairs.add(Arguments.of(op.name(), s, op));
      }
    }
    return pairs.stream();
  }

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);
  private final ServiceDesk desk = ServiceFixtures.desk(crm, clock);
  private final CustomerId anna = crm.register(Fixtures.anna()).id();

  @ParameterizedTest(name = "{0} on a {1} case")
  @MethodSource("everyPair")
  void every_operation_in_every_status_follows_the_documented_lifecycle(
      String name, CaseStatus status, Op op) {
    ServiceCase before = caseIn(status);
    clock.advance(Duration.ofMinutes(5));
    List<DomainEvent> events = new ArrayList<>();
    crm.events().subscribe(events::add);
    Outcome expected = op.in(status);

    Throwable thrown = catchThrowable(() -> op.call().apply(desk, before.id()));

    if (expected instanceof Moves m) {
      assertThat(thrown).as(name + " on " + status).isNull();
      ServiceCase after = desk.get(before.id());
      assertThat(after.status()).isEqualTo(m.status());
      assertThat(events).hasSize(1);
      checkWhatTheMoveKeeps(name, before, after);
    } else {
      Refused r = (Refused) expected;
      assertThat(thrown).as(name + " on " + status).isInstanceOf(r.type());
      assertThat(thrown.getMessage()).contains(before.id()).contains(r.tried());
      if (r.type() == IllegalStateException.class) {
        assertThat(thrown.getMessage()).contains(status.name());
      }
      assertThat(desk.get(before.id())).isEqualTo(before);
      assertThat(events).isEmpty();
    }
  }

  /** The documented side effects of the allowed moves. */
  private void checkWhatTheMoveKeeps(String name, ServiceCase before, ServiceCase after) {
    if (before.status() == OPEN && after.status() == IN_PROGRESS) {
      assertThat(after.firstResponseAt()).contains(clock.instant()); // the first response
    } else {
      assertThat(after.firstResponseAt()).isEqualTo(before.firstResponseAt());
    }
    if (before.status() == RESOLVED && after.status() == IN_PROGRESS) {
      assertThat(after.resolution()).isEmpty();
      assertThat(after.resolvedAt()).isEmpty();
      assertThat(after.satisfaction()).isEmpty();
    }
    if (name.equals("reassign")) {
      assertThat(after.owner()).isEqualTo("agent-9");
    }
    if (name.equals("recordSatisfaction")) {
      assertThat(after.satisfaction()).contains(4);
    }
    if (after.status() == CLOSED && before.status() != CLOSED) {
      assertThat(after.closedAt()).contains(clock.instant());
      assertThat(after.resolution()).isEqualTo(before.resolution());
    }
  }

  private ServiceCase caseIn(CaseStatus status) {
    ServiceCase c = desk.open(CaseRequest.of(anna, CaseType.COMPLAINT, Priority.HIGH,
        Channel.HOTLINE).owner("agent-3").subject("scratched rims"));
    if (status == OPEN) {
      return c;
    }
    c = desk.start(c.id());
    if (status == IN_PROGRESS) {
      return c;
    }
    desk.resolve(c.id(), "rims replaced");
    c = desk.recordSatisfaction(c.id(), 5);
    if (status == RESOLVED) {
      return c;
    }
    return desk.close(c.id());
  }
}
