package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.sortedSet;
import static dev.crmkit.core.internal.Checks.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A possible sale to a customer, moving through the stages of a {@link Pipeline}. Its stage
 * history records every change with its time; a won opportunity lists the orders it produced.
 * Immutable: {@code Sales} stores new versions.
 *
 * <pre>{@code
 * Opportunity o = sales.open(acme.id(), Deal.of("Fleet", "agent-7", Money.of("90000", "EUR"), close));
 * o = sales.moveTo(o.id(), "proposal");
 * o.stage(); // "proposal"
 * }</pre>
 */
public record Opportunity(
    String id,
    CustomerId customerId,
    Optional<String> contactId,
    Optional<String> leadId,
    String name,
    String owner,
    Money amount,
    LocalDate expectedClose,
    BigDecimal probability,
    String stage,
    List<StageChange> stageHistory,
    Set<String> orderIds) {

  public Opportunity {
    text("id", id);
    notNull("customerId", customerId);
    contactId = optionalText("contactId", contactId);
    leadId = optionalText("leadId", leadId);
    name = text("name", name);
    owner = text("owner", owner);
    Checks.nonNegative("amount", amount);
    notNull("expectedClose", expectedClose);
    probability = Stage.checkProbability("probability", probability);
    stage = text("stage", stage);
    stageHistory = list("stageHistory", stageHistory);
    if (stageHistory.isEmpty() || !stageHistory.get(stageHistory.size() - 1).to().equals(stage)) {
      throw invalid("stageHistory", stageHistory, "a history ending in the current stage " + stage);
    }
    for (int i = 1; i < stageHistory.size(); i++) {
      if (stageHistory.get(i).at().isBefore(stageHistory.get(i - 1).at())) {
        throw invalid("stageHistory", stageHistory.get(i), "changes in time order");
      }
    }
    orderIds = sortedSet("orderIds", orderIds);
    if (!orderIds.isEmpty() && !Pipeline.WON.equals(stage)) {
      throw invalid("orderIds", orderIds, "no orders: only a won opportunity produced orders");
    }
  }

  @JsonIgnore
  public boolean isOpen() {
    return !Pipeline.isFinal(stage);
  }

  @JsonIgnore
  public boolean isWon() {
    return Pipeline.WON.equals(stage);
  }

  @JsonIgnore
  public boolean isLost() {
    return Pipeline.LOST.equals(stage);
  }

  /** When the opportunity was opened. */
  @JsonIgnore
  public Instant openedAt() {
    return stageHistory.get(0).at();
  }

  /** When it entered its current stage. */
  @JsonIgnore
  public Instant stageSince() {
    return stageHistory.get(stageHistory.size() - 1).at();
  }

  /** The loss reason, when lost. */
  @JsonIgnore
  public Optional<String> lostReason() {
    return isLost() ? stageHistory.get(stageHistory.size() - 1).reason() : Optional.empty();
  }

  /** The amount weighted by the win probability, exact. */
  @JsonIgnore
  public Money weightedAmount() {
    return amount.times(probability);
  }

  Opportunity withStage(StageChange change, BigDecimal newProbability) {
    List<StageChange> history = new ArrayList<>(stageHistory);
    history.add(change);
    return new Opportunity(id, customerId, contactId, leadId, name, owner, amount,
        expectedClose, newProbability, change.to(), history,
        Pipeline.WON.equals(change.to()) ? orderIds : Set.of());
  }

  Opportunity withOrders(Set<String> ids) {
    return new Opportunity(id, customerId, contactId, leadId, name, owner, amount,
        expectedClose, probability, stage, stageHistory, ids);
  }

  /** The same opportunity, of {@code survivor}: one of a record merged since follows the merge. */
  Opportunity ofCustomer(CustomerId survivor) {
    return survivor.equals(customerId) ? this : new Opportunity(id, survivor, contactId, leadId,
        name, owner, amount, expectedClose, probability, stage, stageHistory, orderIds);
  }

  Opportunity withAmount(Money value) {
    return new Opportunity(id, customerId, contactId, leadId, name, owner, value,
        expectedClose, probability, stage, stageHistory, orderIds);
  }
}
