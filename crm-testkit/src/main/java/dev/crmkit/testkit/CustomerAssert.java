package dev.crmkit.testkit;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.PhoneNumber;
import java.util.Arrays;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link Customer}; failures say what the customer has instead.
 *
 * <pre>{@code
 * CrmAssertions.assertThat(customer).isIndividual().hasEmail("anna@example.com").hasMerged(oldId);
 * }</pre>
 */
public final class CustomerAssert extends AbstractObjectAssert<CustomerAssert, Customer> {

  CustomerAssert(Customer actual) {
    super(actual, CustomerAssert.class);
  }

  public CustomerAssert isIndividual() {
    isNotNull();
    if (!(actual instanceof Individual)) {
      failWithMessage("Expected customer %s to be an individual but it is an organization",
          actual.id());
    }
    return this;
  }

  public CustomerAssert isOrganization() {
    isNotNull();
    if (!(actual instanceof Organization)) {
      failWithMessage("Expected customer %s to be an organization but it is an individual",
          actual.id());
    }
    return this;
  }

  public CustomerAssert hasId(CustomerId id) {
    isNotNull();
    if (!actual.id().equals(id)) {
      failWithMessage("Expected customer id %s but was %s", id, actual.id());
    }
    return this;
  }

  public CustomerAssert hasName(String name) {
    isNotNull();
    if (!actual.name().equals(name)) {
      failWithMessage("Expected customer %s to be named <%s> but was <%s> (aliases %s)",
          actual.id(), name, actual.name(), actual.aliases());
    }
    return this;
  }

  /** The e-mail, normalised like the model does, is among the customer's keys. */
  public CustomerAssert hasEmail(String email) {
    isNotNull();
    EmailAddress wanted = EmailAddress.of(email);
    if (!actual.keys().emails().contains(wanted)) {
      failWithMessage("Expected customer %s to have e-mail <%s> but its e-mails are %s",
          actual.id(), wanted.value(),
          actual.keys().emails().stream().map(EmailAddress::value).toList());
    }
    return this;
  }

  public CustomerAssert hasPhone(String phone) {
    isNotNull();
    PhoneNumber wanted = PhoneNumber.of(phone);
    if (!actual.keys().phones().contains(wanted)) {
      failWithMessage("Expected customer %s to have phone <%s> but its phones are %s",
          actual.id(), wanted.value(),
          actual.keys().phones().stream().map(PhoneNumber::value).toList());
    }
    return this;
  }

  /** Every identity key of {@code other} is also a key of the customer. */
  public CustomerAssert hasAllKeysOf(Customer other) {
    isNotNull();
    if (!actual.keys().containsAll(other.keys())) {
      failWithMessage("Expected customer %s to hold every key of %s%nbut it has%n  %s%nand the"
          + " other has%n  %s", actual.id(), other.id(), actual.keys(), other.keys());
    }
    return this;
  }

  public CustomerAssert hasMerged(CustomerId... ids) {
    isNotNull();
    if (!actual.mergedIds().containsAll(Arrays.asList(ids))) {
      failWithMessage("Expected customer %s to have merged %s but its merged ids are %s",
          actual.id(), Arrays.toString(ids), actual.mergedIds());
    }
    return this;
  }

  public CustomerAssert hasMarketingConsentFor(Channel channel) {
    isNotNull();
    if (!actual.hasMarketingConsent(channel)) {
      failWithMessage("Expected customer %s to have opted in for %s but its consents are %s",
          actual.id(), channel, actual.consents().values());
    }
    return this;
  }

  public CustomerAssert hasNoMarketingConsentFor(Channel channel) {
    isNotNull();
    if (actual.hasMarketingConsent(channel)) {
      failWithMessage("Expected customer %s not to have opted in for %s but it did: %s",
          actual.id(), channel, actual.consents().get(channel));
    }
    return this;
  }
}
