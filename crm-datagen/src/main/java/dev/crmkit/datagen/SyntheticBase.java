package dev.crmkit.datagen;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.survey.SurveyResponse;
import dev.crmkit.scoring.table.BuyingPowerHistory;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A generated customer base: customers, their transactions, interactions on every channel,
 * duplicates to merge, key accounts' quarterly buying power, the attribute columns the
 * built-in strategies read, complaints (causes, escalations) and survey answers (crm-core's
 * {@link SurveyResponse}, CSAT and NPS). Made by {@link SyntheticData}; the same settings and seed always give
 * the same base.
 *
 * <pre>{@code
 * SyntheticBase base = SyntheticData.builder().seed(7).customers(1_000).build();
 * CustomerSummary summary = CustomerSummary.of(base.transactions(), base.end(), base.interactionLog())
 *     .withAttributes(base.attributes());
 * }</pre>
 *
 * @param start the first day of the observed period
 * @param end the last day of the observed period (every transaction is on or before it)
 */
public record SyntheticBase(
    LocalDate start,
    LocalDate end,
    List<Customer> customers,
    TransactionLog transactions,
    List<Interaction> interactions,
    List<Duplicate> duplicates,
    BuyingPowerHistory buyingPower,
    CustomerAttributes attributes,
    List<Complaint> complaints,
    List<SurveyResponse> surveys) {

  public SyntheticBase {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    customers = List.copyOf(customers);
    Objects.requireNonNull(transactions, "transactions");
    interactions = List.copyOf(interactions);
    duplicates = List.copyOf(duplicates);
    Objects.requireNonNull(buyingPower, "buyingPower");
    Objects.requireNonNull(attributes, "attributes");
    complaints = List.copyOf(complaints);
    surveys = List.copyOf(surveys);
  }

  /**
   * A complaint after a purchase: when it was opened, its cause, how many escalation levels it
   * climbed (0 = resolved within its SLA) and when it was resolved.
   */
  public record Complaint(String customerId, LocalDate opened, String cause, int escalations, LocalDate resolved) {
    public Complaint {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(opened, "opened");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(resolved, "resolved");
      if (escalations < 0) {
        throw new IllegalArgumentException("escalations must be >= 0, got " + escalations);
      }
      if (resolved.isBefore(opened)) {
        throw new IllegalArgumentException("resolved " + resolved + " is before opened " + opened);
      }
    }
  }

  /** Individual or organization, as crm-core registers them. */
  public enum Kind {
    INDIVIDUAL,
    ORGANIZATION
  }

  /**
   * One generated customer. A {@link Duplicate}'s copy is a customer too (same person, another
   * spelling), without transactions of its own.
   */
  public record Customer(String id, Kind kind, String name, String email, String region, LocalDate joined) {
    public Customer {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(joined, "joined");
    }
  }

  /** A contact with a customer on a channel. */
  public record Interaction(String customerId, LocalDate date, Channel channel) {
    public Interaction {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /** A second registration of the same customer, under another id, to be found and merged. */
  public record Duplicate(String originalId, String duplicateId) {
    public Duplicate {
      Objects.requireNonNull(originalId, "originalId");
      Objects.requireNonNull(duplicateId, "duplicateId");
    }
  }

  /** The interactions as the columnar log {@code CustomerSummary.of(log, asOf, interactions)} reads. */
  public InteractionLog interactionLog() {
    InteractionLog.Builder b = InteractionLog.builder();
    for (Interaction i : interactions) {
      b.add(i.customerId(), i.date());
    }
    return b.build();
  }
}
