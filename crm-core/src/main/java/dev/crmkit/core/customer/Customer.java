package dev.crmkit.core.customer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A customer record: an {@link Individual} or an {@link Organization}.
 *
 * <p>Besides its {@code id} (the record's identity) and {@code code} (the business's customer
 * code), a customer has a name, the identity keys by which it is found and matched, the names it
 * was also known by ({@code aliases}, kept from merged records), its account owners, its
 * marketing consents per channel, the ids of the records merged into it and the time it was
 * first registered. Customers are immutable; the {@code Crm} facade stores new versions.
 *
 * <pre>{@code
 * Customer c = crm.get(id);
 * if (c instanceof Organization org) {
 *   org.contacts().forEach(contact -> System.out.println(contact.name() + " " + contact.role()));
 * }
 * }</pre>
 *
 * <p>JSON form: an object with {@code "kind": "individual"} or {@code "kind": "organization"}
 * and the record's fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Individual.class, name = "individual"),
  @JsonSubTypes.Type(value = Organization.class, name = "organization")
})
public sealed interface Customer permits Individual, Organization {

  CustomerId id();

  String code();

  String name();

  Set<String> aliases();

  IdentityKeys keys();

  AccountOwnership ownership();

  Map<Channel, Consent> consents();

  Set<CustomerId> mergedIds();

  Instant registeredAt();

  /**
   * True when the latest decision for the channel is an opt-in: the reading of
   * {@link ConsentRule#optIn()}, the default rule of {@code Marketing}. With another rule use
   * {@link #hasMarketingConsent(Channel, ConsentRule)} (or {@code marketing.hasMarketingConsent}).
   */
  default boolean hasMarketingConsent(Channel channel) {
    return ConsentRule.optIn().allows(this, channel);
  }

  /** True when {@code rule} lets this customer be contacted through the channel. */
  default boolean hasMarketingConsent(Channel channel, ConsentRule rule) {
    return rule.allows(this, channel);
  }

  /** This id and every id merged into it: the ids whose history belongs to this customer. */
  default Set<CustomerId> allIds() {
    TreeSet<CustomerId> ids = new TreeSet<>(mergedIds());
    ids.add(id());
    return Collections.unmodifiableSortedSet(ids);
  }

  /** A copy with the consent recorded (replacing the previous decision for its channel). */
  Customer withConsent(Consent consent);

  /** A copy with other account owners. */
  Customer withOwnership(AccountOwnership ownership);
}
