package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedMap;
import static dev.crmkit.core.internal.Checks.sortedSet;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks shared by {@link Individual} and {@link Organization}. */
final class CustomerFields {

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/#-]{0,63}");

  private CustomerFields() {}

  static String code(String code) {
    notNull("code", code);
    if (!CODE.matcher(code).matches()) {
      throw invalid("code", code, "1 to 64 letters, digits or _ . : / # -");
    }
    return code;
  }

  static Set<String> aliases(Set<String> aliases, String name) {
    if (aliases == null) {
      return Set.of();
    }
    // the current name is not an alias of itself
    return sortedSet(
        "aliases",
        aliases.stream().map(a -> text("alias", a)).filter(a -> !a.equals(name))
            .collect(Collectors.toSet()));
  }

  static Map<Channel, Consent> consents(Map<Channel, Consent> consents) {
    Map<Channel, Consent> checked = sortedMap("consents", consents);
    checked.forEach(
        (channel, consent) -> {
          if (consent.channel() != channel) {
            throw invalid("consents[" + channel + "]", consent, "a consent for " + channel);
          }
        });
    return checked;
  }

  static Map<Channel, Consent> with(Map<Channel, Consent> consents, Consent consent) {
    Map<Channel, Consent> copy = new HashMap<>(consents);
    copy.put(consent.channel(), consent);
    return copy;
  }

  static Set<CustomerId> mergedIds(Set<CustomerId> mergedIds, CustomerId id) {
    Set<CustomerId> checked = sortedSet("mergedIds", mergedIds);
    if (checked.contains(id)) {
      throw invalid("mergedIds", checked, "ids other than the record's own id " + id);
    }
    return checked;
  }
}
