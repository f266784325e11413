package dev.crmkit.testkit;

import static dev.crmkit.testkit.CrmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.identity.MatchRule;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.MergeResult;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.purchase.OrderRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The merge invariants: nothing is lost, merging twice changes nothing, the rules are symmetric. */
class MergeInvariantsTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Property(tries = 300)
  void merging_loses_nothing(@ForAll("duplicates") Tuple.Tuple2<Individual, Individual> pair) {
    Individual s = pair.get1();
    Individual m = pair.get2();
    MergeResult result = IdentityResolution.merge(s, m, NOW);
    Customer after = result.survivor();

    assertThat(after).hasId(s.id()).hasName(s.name()).hasAllKeysOf(s).hasAllKeysOf(m)
        .hasMerged(m.id());
    assertThat(after.mergedIds()).containsAll(m.mergedIds()).containsAll(s.mergedIds());
    Set<String> names = new HashSet<>(after.aliases());
    names.add(after.name());
    assertThat(names).contains(m.name()).containsAll(m.aliases()).containsAll(s.aliases());
    assertThat(after.registeredAt()).isEqualTo(
        s.registeredAt().isBefore(m.registeredAt()) ? s.registeredAt() : m.registeredAt());
    assertThat(after.consents().keySet())
        .containsAll(s.consents().keySet()).containsAll(m.consents().keySet());
    // every profile field where the merged record has a value the survivor lacks or disagrees
    // with is in the report; fields where only the survivor has a value are not disagreements
    assertReported(result, "profile.birthDate", s.profile().birthDate(), m.profile().birthDate());
    assertReported(result, "profile.occupation", s.profile().occupation(),
        m.profile().occupation());
    assertReported(result, "profile.incomeBand", s.profile().incomeBand(),
        m.profile().incomeBand());
    assertReported(result, "profile.region", s.profile().region(), m.profile().region());
    assertThat(result.report().matchedOn()).contains(MatchRule.EMAIL);
  }

  private static void assertReported(
      MergeResult result, String field, Optional<?> survivor, Optional<?> merged) {
    boolean disagree = merged.isPresent() && !merged.equals(survivor);
    assertThat(result.report().conflict(field).isPresent())
        .as("%s: survivor %s, merged %s, report %s", field, survivor, merged,
            result.report().conflicts())
        .isEqualTo(disagree);
  }

  @Property(tries = 300)
  void merging_twice_changes_nothing(
      @ForAll("duplicates") Tuple.Tuple2<Individual, Individual> pair) {
    Customer once = IdentityResolution.merge(pair.get1(), pair.get2(), NOW).survivor();
    Customer twice = IdentityResolution.merge(once, pair.get2(), NOW).survivor();
    assertThat(twice).isEqualTo(once);
  }

  @Property(tries = 300)
  void matching_and_survivor_choice_are_symmetric(
      @ForAll("duplicates") Tuple.Tuple2<Individual, Individual> pair) {
    Individual a = pair.get1();
    Individual b = pair.get2();
    assertThat(IdentityResolution.match(a, b)).isEqualTo(IdentityResolution.match(b, a));
    assertThat(IdentityResolution.chooseSurvivor(a, b))
        .isSameAs(IdentityResolution.chooseSurvivor(b, a));
  }

  /**
   * Through the facade: register people, give each some history, merge random pairs (repeats
   * included). Every id still resolves, every history item is still on some live timeline, and
   * repeating a merge reports it as already done.
   */
  @Property(tries = 40)
  void merges_through_the_facade_keep_every_id_and_every_history_item(
      @ForAll @IntRange(min = 2, max = 8) int people,
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 7) Integer> mergeFrom,
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 7) Integer> mergeTo) {
    Crm crm = Crm.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
    List<CustomerId> ids = new ArrayList<>();
    int items = 0;
    for (int i = 0; i < people; i++) {
      Individual p = crm.register(Registration.individual("Person " + (char) ('A' + i)));
      ids.add(p.id());
      crm.recordPurchase(OrderRequest.of(p.id(), dev.crmkit.core.base.Channel.WEB, "EUR")
          .line("SKU-" + i, "cat", 1, dev.crmkit.core.base.Money.of("10", "EUR"),
              dev.crmkit.core.base.Money.of("9", "EUR")));
      crm.logInteraction(InteractionRequest.of(p.id(), dev.crmkit.core.base.Channel.PHONE,
          dev.crmkit.core.interaction.InteractionType.INQUIRY,
          dev.crmkit.core.interaction.Direction.INBOUND));
      items += 2;
    }
    for (int k = 0; k < Math.min(mergeFrom.size(), mergeTo.size()); k++) {
      CustomerId a = ids.get(mergeFrom.get(k) % people);
      CustomerId b = ids.get(mergeTo.get(k) % people);
      boolean sameAlready = crm.get(a).id().equals(crm.get(b).id());
      MergeReport report = crm.merge(a, b);
      assertThat(report.alreadyMerged()).isEqualTo(sameAlready);
      if (sameAlready) {
        assertThat(report).hasNoConflicts();
      }
    }
    for (CustomerId id : ids) {
      Customer live = crm.get(id);
      assertThat(live.allIds()).contains(id);
    }
    int onTimelines = crm.customers().mapToInt(c -> crm.timeline(c.id()).size()).sum();
    assertThat(onTimelines).isEqualTo(items);
    int liveAndMerged = crm.customers().mapToInt(c -> c.allIds().size()).sum();
    assertThat(liveAndMerged).isEqualTo(people);
    assertThat(crm.histories().mapToLong(h -> h.interactions().size()).sum())
        .isEqualTo(people);
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Individual, Individual>> duplicates() {
    return CrmArbitraries.duplicateIndividuals();
  }
}
