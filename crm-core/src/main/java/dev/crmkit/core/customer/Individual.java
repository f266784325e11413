package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A person as a customer. Its natural key is name + national id + phone number; its profile
 * holds the demographics.
 *
 * <pre>{@code
 * Individual anna = crm.register(Registration.individual("Anna Schmidt")
 *     .nationalId("123-45-6789").phone("+49 30 1234567").email("anna@example.com"));
 * }</pre>
 */
public record Individual(
    CustomerId id,
    String code,
    String name,
    Set<String> aliases,
    IdentityKeys keys,
    PersonProfile profile,
    AccountOwnership ownership,
    Map<Channel, Consent> consents,
    Set<CustomerId> mergedIds,
    Instant registeredAt)
    implements Customer {

  public Individual {
    notNull("id", id);
    code = CustomerFields.code(code);
    name = text("name", name);
    aliases = CustomerFields.aliases(aliases, name);
    keys = keys == null ? IdentityKeys.EMPTY : keys;
    profile = profile == null ? PersonProfile.EMPTY : profile;
    ownership = ownership == null ? AccountOwnership.NONE : ownership;
    consents = CustomerFields.consents(consents);
    mergedIds = CustomerFields.mergedIds(mergedIds, id);
    notNull("registeredAt", registeredAt);
  }

  @Override
  public Individual withConsent(Consent consent) {
    return new Individual(id, code, name, aliases, keys, profile, ownership,
        CustomerFields.with(consents, consent), mergedIds, registeredAt);
  }

  @Override
  public Individual withOwnership(AccountOwnership value) {
    return new Individual(id, code, name, aliases, keys, profile, value, consents, mergedIds,
        registeredAt);
  }
}
