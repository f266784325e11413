package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.PhoneNumber;
import java.time.Instant;
import java.util.Optional;

/**
 * A lead to capture, handed to {@code Sales.capture}. Each setter checks its value at once; the
 * time defaults to the clock of {@code Sales}.
 *
 * <pre>{@code
 * LeadRequest.of("Ben Okafor", Channel.WEB).email("ben@example.org").campaign("spring-2026");
 * }</pre>
 */
public final class LeadRequest {

  private final String name;
  private final Channel source;
  private Optional<String> company = Optional.empty();
  private Optional<BuyingRole> role = Optional.empty();
  private Optional<NationalId> companyNationalId = Optional.empty();
  private Optional<EmailAddress> email = Optional.empty();
  private Optional<PhoneNumber> phone = Optional.empty();
  private Optional<String> campaignId = Optional.empty();
  private Optional<Instant> capturedAt = Optional.empty();
  private String notes = "";

  private LeadRequest(String name, Channel source) {
    this.name = text("name", name);
    this.source = notNull("source", source);
  }

  public static LeadRequest of(String name, Channel source) {
    return new LeadRequest(name, source);
  }

  /** The company the person buys for, and their role in its buying process. */
  public LeadRequest company(String companyName, BuyingRole buyingRole) {
    company = Optional.of(text("company", companyName));
    role = Optional.of(notNull("role", buyingRole));
    return this;
  }

  /** The company's registration or tax number, by which it is matched to existing customers. */
  public LeadRequest companyNationalId(String value) {
    companyNationalId = Optional.of(NationalId.of(value));
    return this;
  }

  public LeadRequest email(String value) {
    email = Optional.of(EmailAddress.of(value));
    return this;
  }

  public LeadRequest phone(String value) {
    phone = Optional.of(PhoneNumber.of(value));
    return this;
  }

  public LeadRequest campaign(String value) {
    campaignId = Optional.of(text("campaignId", value));
    return this;
  }

  public LeadRequest capturedAt(Instant value) {
    capturedAt = Optional.of(notNull("capturedAt", value));
    return this;
  }

  public LeadRequest notes(String value) {
    notes = freeText("notes", notNull("notes", value));
    return this;
  }

  Lead toLead(String id, Instant now) {
    return new Lead(id, name, company, role, companyNationalId, email, phone, source, campaignId,
        notes, capturedAt.orElse(now), LeadStatus.NEW, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
