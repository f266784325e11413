package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.sortedSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.internal.Masks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The keys by which a customer record is found and matched, besides its name: national ids,
 * phone numbers, e-mail addresses and external ids. Every set is sorted and unmodifiable.
 *
 * <pre>{@code
 * IdentityKeys keys = IdentityKeys.EMPTY
 *     .withEmail(EmailAddress.of("anna@example.com"))
 *     .withPhone(PhoneNumber.of("+49 30 1234567"));
 * }</pre>
 */
public record IdentityKeys(
    Set<NationalId> nationalIds,
    Set<PhoneNumber> phones,
    Set<EmailAddress> emails,
    Set<ExternalId> externalIds) {

  public static final IdentityKeys EMPTY = new IdentityKeys(Set.of(), Set.of(), Set.of(), Set.of());

  public IdentityKeys {
    nationalIds = sortedSet("nationalIds", nationalIds);
    phones = sortedSet("phones", phones);
    emails = sortedSet("emails", emails);
    externalIds = sortedSet("externalIds", externalIds);
  }

  public IdentityKeys withNationalId(NationalId id) {
    return new IdentityKeys(plus(nationalIds, id), phones, emails, externalIds);
  }

  public IdentityKeys withPhone(PhoneNumber phone) {
    return new IdentityKeys(nationalIds, plus(phones, phone), emails, externalIds);
  }

  public IdentityKeys withEmail(EmailAddress email) {
    return new IdentityKeys(nationalIds, phones, plus(emails, email), externalIds);
  }

  public IdentityKeys withExternalId(ExternalId id) {
    return new IdentityKeys(nationalIds, phones, emails, plus(externalIds, id));
  }

  /** Every key of both: what a merge keeps. */
  public IdentityKeys union(IdentityKeys other) {
    return new IdentityKeys(
        both(nationalIds, other.nationalIds),
        both(phones, other.phones),
        both(emails, other.emails),
        both(externalIds, other.externalIds));
  }

  /** True when every key of {@code other} is also here. */
  public boolean containsAll(IdentityKeys other) {
    return nationalIds.containsAll(other.nationalIds)
        && phones.containsAll(other.phones)
        && emails.containsAll(other.emails)
        && externalIds.containsAll(other.externalIds);
  }

  /** Every key as a typed {@link IdentityKey}, for indexing and look-up. */
  public Stream<IdentityKey> stream() {
    return Stream.of(
            nationalIds.stream().map(IdentityKey::of),
            phones.stream().map(IdentityKey::of),
            emails.stream().map(IdentityKey::of),
            externalIds.stream().map(IdentityKey::of))
        .flatMap(s -> s);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return nationalIds.isEmpty() && phones.isEmpty() && emails.isEmpty() && externalIds.isEmpty();
  }

  /** Every key masked (external ids keep their scheme), so that keys do not leak into logs. */
  @Override
  public String toString() {
    return "IdentityKeys[nationalIds=" + nationalIds + ", phones=" + phones + ", emails=" + emails
        + ", externalIds=" + externalIds.stream().map(x -> Masks.externalId(x.key())).toList()
        + "]";
  }

  private static <T> Set<T> both(Set<T> a, Set<T> b) {
    Set<T> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static <T> Set<T> plus(Collection<T> set, T value) {
    List<T> copy = new ArrayList<>(set);
    copy.add(Objects.requireNonNull(value, "key"));
    return Set.copyOf(copy);
  }
}
