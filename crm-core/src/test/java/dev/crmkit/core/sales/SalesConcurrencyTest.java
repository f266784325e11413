package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two facades on the same embedded database (two host instances sharing it), each with its own
 * {@link Sales}, change the same records at once: no stage change is lost, a lead converts
 * exactly once, no booked campaign cost is lost.
 */
class SalesConcurrencyTest {

  private static final int THREADS_PER_INSTANCE = 2;

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private Crm first;
  private Crm second;
  private final List<Crm> instances = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);

  @BeforeEach
  void open() {
    first = Crm.embedded(dir, clock);
    second = Crm.embedded(dir, clock);
    instances.add(first);
    instances.add(second);
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    second.close();
    first.close();
  }

  /** Runs {@code work(instance, thread)} on every thread of both instances, from one start. */
  private <T> List<T> race(WorkOn<T> work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Crm crm : instances) {
      for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
        int thread = t;
        Callable<T> task = () -> {
          start.await();
          return work.run(crm, thread);
        };
        futures.add(pool.submit(task));
      }
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(120, TimeUnit.SECONDS));
    }
    return results;
  }

  @FunctionalInterface
  private interface WorkOn<T> {
    T run(Crm crm, int thread) throws Exception;
  }

  @Test
  void concurrent_stage_changes_of_one_opportunity_from_two_instances_are_all_kept() throws Exception {
    CustomerId acme = first.register(Registration.organization("Acme GmbH")).id();
    String id = Sales.builder(first).build().open(acme, Deal.of("Fleet", "agent-7",
        Money.of("90000", "EUR"), LocalDate.of(2026, 6, 30))).id();
    List<String> stages = List.of("qualification", "needs-analysis", "proposal");
    int moves = 12;

    List<Integer> done = race((crm, thread) -> {
      Sales sales = Sales.builder(crm).build();
      int ok = 0;
      for (int i = 0; i < moves; i++) {
        // any move among these three stages is allowed, except to the stage it is in
        String stage = stages.get((thread + i) % stages.size());
        try {
          sales.moveTo(id, stage);
          ok++;
        } catch (IllegalArgumentException alreadyThere) {
          assertThat(alreadyThere).hasMessageContaining(stage);
        }
      }
      return ok;
    });

    int accepted = done.stream().mapToInt(Integer::intValue).sum();
    assertThat(accepted).isPositive();
    for (Crm crm : instances) {
      Opportunity o = Sales.builder(crm).build().opportunity(id).orElseThrow();
      // every accepted change is in the history, each starting where the one before ended
      assertThat(o.stageHistory()).hasSize(1 + accepted);
      for (int i = 1; i < o.stageHistory().size(); i++) {
        StageChange c = o.stageHistory().get(i);
        assertThat(c.from()).contains(o.stageHistory().get(i - 1).to());
        assertThat(c.to()).isNotEqualTo(c.from().get());
      }
    }
  }

  @Test
  void a_lead_converted_from_two_instances_at_once_converts_exactly_once() throws Exception {
    List<DomainEvent> converted = new CopyOnWriteArrayList<>();
    for (Crm crm : instances) {
      crm.events().subscribe("count", SalesEvent.LeadConverted.class, converted::add);
    }
    Sales sales = Sales.builder(first).build();
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB)
        .email("ben@example.org").notes("wants a van"));
    sales.qualify(lead.id());

    List<Optional<Conversion>> results = race((crm, thread) -> {
      try {
        return Optional.of(Sales.builder(crm).build().convert(lead.id(), Deal.of("Van",
            "agent-3", Money.of("36000", "EUR"), LocalDate.of(2026, 3, 31))));
      } catch (IllegalArgumentException refused) {
        assertThat(refused).hasMessageContaining("it is CONVERTED");
        return Optional.empty();
      }
    });

    List<Conversion> won = results.stream().flatMap(Optional::stream).toList();
    assertThat(won).hasSize(1);
    CustomerId ben = won.get(0).customer().id();
    for (Crm crm : instances) {
      crm.relayEvents();
      Sales s = Sales.builder(crm).build();
      assertThat(crm.findByKey(IdentityKey.email("ben@example.org"))).hasSize(1);
      assertThat(crm.interactions(ben)).hasSize(1);
      assertThat(s.opportunitiesOf(ben)).hasSize(1);
      assertThat(s.lead(lead.id()).orElseThrow().customerId()).contains(ben);
      assertThat(s.lead(lead.id()).orElseThrow().opportunityId())
          .contains(s.opportunitiesOf(ben).get(0).id());
    }
    assertThat(converted).hasSize(1);
  }

  @Test
  void costs_booked_on_one_campaign_from_two_instances_all_add_up() throws Exception {
    UnitCosts none = UnitCosts.of(Map.of());
    Marketing.builder(first).attribution(AttributionRule.campaignCode()).unitCosts(none).build()
        .launch(Campaign.of("spring", "Spring", Channel.EMAIL, TargetSegment.profile(),
            Money.of("10000", "EUR")));
    int bookings = 10;
    race((crm, thread) -> {
      Marketing m = Marketing.builder(crm).attribution(AttributionRule.campaignCode())
          .unitCosts(none).build();
      for (int i = 0; i < bookings; i++) {
        m.recordCost("spring", Money.of("1.50", "EUR"));
      }
      return null;
    });
    Money expected = Money.of("1.50", "EUR").times(2 * THREADS_PER_INSTANCE * bookings);
    for (Crm crm : instances) {
      assertThat(Marketing.builder(crm).attribution(AttributionRule.campaignCode())
          .unitCosts(none).build().campaign("spring").orElseThrow().actualCost())
          .isEqualTo(expected);
    }
  }
}
