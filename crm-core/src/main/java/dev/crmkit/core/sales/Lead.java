package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.PhoneNumber;
import java.time.Instant;
import java.util.Optional;

/**
 * A prospective customer from any channel: the person, optionally their company (with their
 * buying role there and the company's registration number), how to reach them, where the lead
 * came from ({@code source} channel and {@code campaignId}), and what became of it. A converted
 * lead names the customer, the contact and the opportunity it became.
 *
 * <pre>{@code
 * Lead lead = sales.capture(LeadRequest.of("Grace Hopper", Channel.EVENT)
 *     .company("Acme GmbH", BuyingRole.DECISION_MAKER).email("grace@acme.example").campaign("fair-2026"));
 * }</pre>
 */
public record Lead(
    String id,
    String name,
    Optional<String> company,
    Optional<BuyingRole> role,
    Optional<NationalId> companyNationalId,
    Optional<EmailAddress> email,
    Optional<PhoneNumber> phone,
    Channel source,
    Optional<String> campaignId,
    String notes,
    Instant capturedAt,
    LeadStatus status,
    Optional<String> statusReason,
    Optional<CustomerId> customerId,
    Optional<String> contactId,
    Optional<String> opportunityId,
    Optional<Instant> convertedAt) {

  public Lead {
    text("id", id);
    name = text("name", name);
    company = optionalText("company", company);
    role = optional(role);
    companyNationalId = optional(companyNationalId);
    if (company.isPresent() != role.isPresent()) {
      throw invalid("role", role.orElse(null), "a buying role exactly when the lead names a"
          + " company");
    }
    if (companyNationalId.isPresent() && company.isEmpty()) {
      throw invalid("companyNationalId", companyNationalId.get(), "no company number without"
          + " a company");
    }
    email = optional(email);
    phone = optional(phone);
    notNull("source", source);
    campaignId = optionalText("campaignId", campaignId);
    notes = freeText("notes", notes);
    notNull("capturedAt", capturedAt);
    notNull("status", status);
    statusReason = optionalText("statusReason", statusReason);
    customerId = optional(customerId);
    contactId = optionalText("contactId", contactId);
    opportunityId = optionalText("opportunityId", opportunityId);
    convertedAt = optional(convertedAt);
    if ((status == LeadStatus.CONVERTED) != (customerId.isPresent() && convertedAt.isPresent())) {
      throw invalid("status", status, "CONVERTED exactly when the lead names its customer and"
          + " conversion time");
    }
  }

  Lead withStatus(LeadStatus value, Optional<String> reason) {
    return new Lead(id, name, company, role, companyNationalId, email, phone, source,
        campaignId, notes, capturedAt, value, reason, customerId, contactId, opportunityId,
        convertedAt);
  }

  Lead converted(CustomerId customer, Optional<String> contact, Optional<String> opportunity,
      Instant at) {
    return new Lead(id, name, company, role, companyNationalId, email, phone, source,
        campaignId, notes, capturedAt, LeadStatus.CONVERTED, statusReason, Optional.of(customer),
        contact, opportunity, Optional.of(at));
  }
}
