package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.Money;
import dev.crmkit.core.internal.Checks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a new opportunity is about, handed to {@code Sales.open} or {@code Sales.convert}: a
 * name, the owning sales rep, the amount, the expected close date and, optionally, the stage to
 * start in (default: the pipeline's first), a win probability (default: the stage's) and the
 * organization's contact person.
 *
 * <pre>{@code
 * Deal fleet = Deal.of("Fleet renewal", "agent-7", Money.of("1728000", "EUR"), LocalDate.of(2026, 6, 30))
 *     .withContact("c-1");
 * }</pre>
 */
public record Deal(
    String name,
    String owner,
    Money amount,
    LocalDate expectedClose,
    Optional<String> stage,
    Optional<BigDecimal> probability,
    Optional<String> contactId) {

  public Deal {
    name = text("name", name);
    owner = text("owner", owner);
    Checks.nonNegative("amount", amount);
    notNull("expectedClose", expectedClose);
    stage = optionalText("stage", stage);
    probability = optional(probability).map(p -> Stage.checkProbability("probability", p));
    contactId = optionalText("contactId", contactId);
  }

  public static Deal of(String name, String owner, Money amount, LocalDate expectedClose) {
    return new Deal(name, owner, amount, expectedClose, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public Deal inStage(String value) {
    return new Deal(name, owner, amount, expectedClose, Optional.of(value), probability,
        contactId);
  }

  public Deal withProbability(String value) {
    return new Deal(name, owner, amount, expectedClose, stage,
        Optional.of(Stage.parse("probability", value)), contactId);
  }

  public Deal withContact(String value) {
    return new Deal(name, owner, amount, expectedClose, stage, probability, Optional.of(value));
  }
}
