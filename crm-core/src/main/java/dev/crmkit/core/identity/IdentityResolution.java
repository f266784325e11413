package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.ExternalId;
import dev.crmkit.core.customer.IdentityKeys;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationProfile;
import dev.crmkit.core.customer.PersonProfile;
import dev.crmkit.core.internal.Masks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The identity rules as pure functions: whether two records are the same customer, which one
 * survives a merge, and the merge itself. The {@code Crm} facade applies them to stored records;
 * they are public so that hosts and tests can apply them to any records.
 *
 * <p>Merging keeps everything: the union of the identity keys, aliases and merged ids, the
 * merged record's name as an alias, every profile value the survivor lacks. Where both records
 * have a different value, the survivor's wins and the report says so. Merging is idempotent:
 * {@code merge(merge(s, m).survivor(), m).survivor()} equals {@code merge(s, m).survivor()}.
 *
 * <pre>{@code
 * Set<MatchRule> rules = IdentityResolution.match(a, b);
 * if (!rules.isEmpty()) {
 *   Customer survivor = IdentityResolution.chooseSurvivor(a, b);
 *   MergeResult r = IdentityResolution.merge(survivor, survivor == a ? b : a, now);
 * }
 * }</pre>
 */
public final class IdentityResolution {

  private IdentityResolution() {}

  /** The rules by which {@code a} and {@code b} match; empty when they are not the same customer. */
  public static Set<MatchRule> match(Customer a, Customer b) {
    notNull("a", a);
    notNull("b", b);
    Set<MatchRule> rules = EnumSet.noneOf(MatchRule.class);
    if (a.getClass() != b.getClass() || a.id().equals(b.id())) {
      return rules;
    }
    if (!Collections.disjoint(a.keys().nationalIds(), b.keys().nationalIds())) {
      rules.add(MatchRule.NATIONAL_ID);
    }
    if (!Collections.disjoint(a.keys().emails(), b.keys().emails())) {
      rules.add(MatchRule.EMAIL);
    }
    if (!Collections.disjoint(a.keys().externalIds(), b.keys().externalIds())) {
      rules.add(MatchRule.EXTERNAL_ID);
    }
    if (!Collections.disjoint(a.keys().phones(), b.keys().phones())
        && !Collections.disjoint(nameKeys(a), nameKeys(b))) {
      rules.add(MatchRule.NAME_AND_PHONE);
    }
    return rules;
  }

  /**
   * The record that survives a merge: the one registered first (it is the one other systems are
   * most likely to know), and at the same time the one with the smaller id. Symmetric, so
   * {@code chooseSurvivor(a, b) == chooseSurvivor(b, a)}.
   */
  public static Customer chooseSurvivor(Customer a, Customer b) {
    Comparator<Customer> order =
        Comparator.comparing(Customer::registeredAt).thenComparing(Customer::id);
    return order.compare(a, b) <= 0 ? a : b;
  }

  /**
   * Merges {@code merged} into {@code survivor}.
   *
   * @throws IllegalArgumentException when one is a person and the other an organization, or
   *     both have the same id
   */
  public static MergeResult merge(Customer survivor, Customer merged, Instant mergedAt) {
    notNull("survivor", survivor);
    notNull("merged", merged);
    notNull("mergedAt", mergedAt);
    if (survivor.id().equals(merged.id())) {
      throw invalid("merged", merged.id(), "another record than the survivor");
    }
    if (survivor.getClass() != merged.getClass()) {
      throw invalid("merged", merged.id() + " (" + kind(merged) + ")",
          "a record of the survivor's kind (" + kind(survivor) + ")");
    }
    Conflicts c = new Conflicts();
    c.single("name", survivor.name(), merged.name());
    c.single("code", survivor.code(), merged.code());
    Set<String> aliases = new TreeSet<>(survivor.aliases());
    aliases.addAll(merged.aliases());
    aliases.add(merged.name());
    IdentityKeys keys = survivor.keys().union(merged.keys());
    c.union("keys.nationalIds", survivor.keys().nationalIds(), merged.keys().nationalIds());
    c.union("keys.phones", survivor.keys().phones(), merged.keys().phones());
    c.union("keys.emails", survivor.keys().emails(), merged.keys().emails());
    c.union("keys.externalIds", survivor.keys().externalIds(), merged.keys().externalIds());
    AccountOwnership ownership =
        new AccountOwnership(
            c.optional("ownership.accountManager", survivor.ownership().accountManager(),
                merged.ownership().accountManager()),
            c.optional("ownership.technicalSupportOwner",
                survivor.ownership().technicalSupportOwner(),
                merged.ownership().technicalSupportOwner()));
    Map<Channel, Consent> consents = consents(c, survivor.consents(), merged.consents());
    Set<CustomerId> mergedIds = new TreeSet<>(survivor.mergedIds());
    mergedIds.addAll(merged.mergedIds());
    mergedIds.add(merged.id());
    mergedIds.remove(survivor.id());
    Instant registeredAt = survivor.registeredAt();
    if (merged.registeredAt().isBefore(registeredAt)) {
      c.add("registeredAt", registeredAt, merged.registeredAt(), Resolution.EARLIEST,
          merged.registeredAt());
      registeredAt = merged.registeredAt();
    }
    Customer result;
    if (survivor instanceof Individual s) {
      Individual m = (Individual) merged;
      PersonProfile p = new PersonProfile(
          c.optional("profile.birthDate", s.profile().birthDate(), m.profile().birthDate()),
          c.optional("profile.occupation", s.profile().occupation(), m.profile().occupation()),
          c.optional("profile.incomeBand", s.profile().incomeBand(), m.profile().incomeBand()),
          c.optional("profile.region", s.profile().region(), m.profile().region()));
      result = new Individual(s.id(), s.code(), s.name(), aliases, keys, p, ownership, consents,
          mergedIds, registeredAt);
    } else {
      Organization s = (Organization) survivor;
      Organization m = (Organization) merged;
      OrganizationProfile sp = s.profile();
      OrganizationProfile mp = m.profile();
      OrganizationProfile p = new OrganizationProfile(
          c.optional("profile.industry", sp.industry(), mp.industry()),
          c.optional("profile.sector", sp.sector(), mp.sector()),
          c.optional("profile.employeeCount", sp.employeeCount(), mp.employeeCount()),
          c.optional("profile.annualRevenue", sp.annualRevenue(), mp.annualRevenue()),
          c.optional("profile.annualBuyingPower", sp.annualBuyingPower(), mp.annualBuyingPower()),
          // a parent that is one of the two merged records would make the survivor its own parent
          c.optional("profile.parent",
              sp.parent().filter(id -> !id.equals(m.id()) && !mergedIds.contains(id)),
              mp.parent().filter(id -> !id.equals(s.id()) && !mergedIds.contains(id))),
          c.optional("profile.address", sp.address(), mp.address()));
      result = new Organization(s.id(), s.code(), s.name(), aliases, keys, p,
          contacts(c, s.contacts(), m.contacts()), ownership, consents, mergedIds, registeredAt);
    }
    MergeReport report = new MergeReport(survivor.id(), merged.id(), match(survivor, merged),
        c.list, mergedAt, false);
    return new MergeResult(result, report);
  }

  private static Set<String> nameKeys(Customer c) {
    Set<String> keys = new HashSet<>();
    keys.addAll(Names.matchKeys(c.name()));
    for (String alias : c.aliases()) {
      keys.addAll(Names.matchKeys(alias));
    }
    return keys;
  }

  private static String kind(Customer c) {
    return c instanceof Individual ? "individual" : "organization";
  }

  private static Map<Channel, Consent> consents(
      Conflicts c, Map<Channel, Consent> survivor, Map<Channel, Consent> merged) {
    Map<Channel, Consent> result = new TreeMap<>(survivor);
    merged.forEach(
        (channel, theirs) -> {
          Consent ours = survivor.get(channel);
          if (ours == null) {
            c.add("consents." + channel, null, theirs, Resolution.FILLED_FROM_MERGED, theirs);
            result.put(channel, theirs);
          } else if (!ours.equals(theirs)) {
            Consent latest = later(ours, theirs);
            c.add("consents." + channel, ours, theirs, Resolution.LATEST_DECISION, latest);
            result.put(channel, latest);
          }
        });
    return result;
  }

  private static Consent later(Consent a, Consent b) {
    int order = a.decidedAt().compareTo(b.decidedAt());
    if (order != 0) {
      return order > 0 ? a : b;
    }
    return a.granted() ? b : a; // at the same instant a withdrawal is the safe reading
  }

  private static List<Contact> contacts(Conflicts c, List<Contact> survivor, List<Contact> merged) {
    List<Contact> result = new ArrayList<>(survivor);
    for (Contact theirs : merged) {
      boolean known = result.stream().anyMatch(ours -> sameExceptId(ours, theirs));
      if (known) {
        continue;
      }
      Optional<Contact> clash =
          result.stream().filter(ours -> ours.id().equals(theirs.id())).findFirst();
      if (clash.isEmpty()) {
        result.add(theirs);
        continue;
      }
      String newId = freeId(result, theirs.id());
      c.add("contacts." + theirs.id(), clash.get().name(), theirs.name(), Resolution.RENAMED,
          newId);
      result.add(new Contact(newId, theirs.name(), theirs.role(), theirs.title(), theirs.emails(),
          theirs.phones()));
    }
    return result;
  }

  private static boolean sameExceptId(Contact a, Contact b) {
    return a.name().equals(b.name()) && a.role() == b.role() && a.title().equals(b.title())
        && a.emails().equals(b.emails()) && a.phones().equals(b.phones());
  }

  private static String freeId(List<Contact> contacts, String base) {
    String prefix = base.length() > 56 ? base.substring(0, 56) : base;
    for (int n = 2; ; n++) {
      String candidate = prefix + "-" + n;
      if (contacts.stream().noneMatch(x -> x.id().equals(candidate))) {
        return candidate;
      }
    }
  }

  /** Collects the conflicts of one merge. */
  private static final class Conflicts {
    final List<FieldConflict> list = new ArrayList<>();

    void add(String field, Object survivor, Object merged, Resolution how, Object result) {
      list.add(new FieldConflict(field, text(survivor), text(merged), how, text(result)));
    }

    void single(String field, String survivor, String merged) {
      if (!survivor.equals(merged)) {
        add(field, survivor, merged, Resolution.KEPT_SURVIVOR, survivor);
      }
    }

    <T> Optional<T> optional(String field, Optional<T> survivor, Optional<T> merged) {
      if (survivor.isPresent()) {
        if (merged.isPresent() && !merged.equals(survivor)) {
          add(field, survivor.get(), merged.get(), Resolution.KEPT_SURVIVOR, survivor.get());
        }
        return survivor;
      }
      merged.ifPresent(m -> add(field, null, m, Resolution.FILLED_FROM_MERGED, m));
      return merged;
    }

    <T> void union(String field, Set<T> survivor, Set<T> merged) {
      if (!survivor.containsAll(merged)) {
        Set<T> both = new LinkedHashSet<>(survivor);
        both.addAll(merged);
        add(field, survivor, merged, Resolution.UNION, both);
      }
    }

    private static Optional<String> text(Object value) {
      if (value == null) {
        return Optional.empty();
      }
      // personal data is masked as in toString(); the survivor keeps every value
      if (value instanceof LocalDate birthDate) {
        return Optional.of(Masks.birthDate(birthDate.toString()));
      }
      if (value instanceof Set<?> set && set.stream().anyMatch(ExternalId.class::isInstance)) {
        return Optional.of(set.stream()
            .map(x -> x instanceof ExternalId e ? Masks.externalId(e.key()) : x.toString())
            .sorted().collect(Collectors.joining(", ", "[", "]")));
      }
      if (value instanceof Consent consent) {
        return Optional.of((consent.granted() ? "granted " : "withdrawn ") + consent.decidedAt());
      }
      return Optional.of(value.toString());
    }
  }
}
