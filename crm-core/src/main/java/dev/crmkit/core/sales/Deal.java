package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new opportunity is about, handed to {@code Sales.open} or {@code Sales.convert}: a
 * name, the owning sales rep, the amount, the expected close date and, optionally, the stage to
 * start in (default: the pipeline's first), a win probability (default: the stage's) and the
 * organization's contact person.
 *
 * <p>A request, so a mutating builder like every request of the library ({@code OrderRequest},
 * {@code CaseRequest}, {@code LeadRequest}...): each setter changes this deal, checks its value at
 * once and returns the deal for chaining, so {@code deal.inStage("proposal");} on its own line
 * takes effect. The deal is read when it is passed to {@code Sales}; changing it afterwards does
 * not change the opportunity. Not thread-safe: build it on one thread.
 *
 * <pre>{@code
 * Deal fleet = Deal.of("Fleet renewal", "agent-7", Money.of("1728000", "EUR"), LocalDate.of(2026, 6, 30))
 *     .withContact("c-1");
 * }</pre>
 */
public final class Deal {

  private final String name;
  private final String owner;
  private final Money amount;
  private final LocalDate expectedClose;
  private Optional<String> stage = Optional.empty();
  private Optional<BigDecimal> probability = Optional.empty();
  private Optional<String> contactId = Optional.empty();

  private Deal(String name, String owner, Money amount, LocalDate expectedClose) {
    this.name = text("name", name);
    this.owner = text("owner", owner);
    this.amount = Checks.nonNegative("amount", amount);
    this.expectedClose = notNull("expectedClose", expectedClose);
  }

  public static Deal of(String name, String owner, Money amount, LocalDate expectedClose) {
    return new Deal(name, owner, amount, expectedClose);
  }

  /** The stage the opportunity starts in (default: the pipeline's first). */
  public Deal inStage(String value) {
    stage = Optional.of(text("stage", value));
    return this;
  }

  /** The win probability, {@code "0"} to {@code "1"} (default: the stage's). */
  public Deal withProbability(String value) {
    probability = Optional.of(Stage.parse("probability", value));
    return this;
  }

  /** The organization's contact person the deal is with. */
  public Deal withContact(String value) {
    contactId = Optional.of(text("contactId", value));
    return this;
  }

  /** A deal with the same values, for the library to change without touching the caller's. */
  Deal copy() {
    Deal d = new Deal(name, owner, amount, expectedClose);
    d.stage = stage;
    d.probability = probability;
    d.contactId = contactId;
    return d;
  }

  public String name() {
    return name;
  }

  public String owner() {
    return owner;
  }

  public Money amount() {
    return amount;
  }

  public LocalDate expectedClose() {
    return expectedClose;
  }

  public Optional<String> stage() {
    return stage;
  }

  public Optional<BigDecimal> probability() {
    return probability;
  }

  public Optional<String> contactId() {
    return contactId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Deal d && name.equals(d.name) && owner.equals(d.owner)
        && amount.equals(d.amount) && expectedClose.equals(d.expectedClose)
        && stage.equals(d.stage) && probability.equals(d.probability)
        && contactId.equals(d.contactId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, owner, amount, expectedClose, stage, probability, contactId);
  }

  @Override
  public String toString() {
    return "Deal[name=" + name + ", owner=" + owner + ", amount=" + amount + ", expectedClose="
        + expectedClose + ", stage=" + stage + ", probability=" + probability + ", contactId="
        + contactId + "]";
  }
}
