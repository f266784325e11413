package dev.crmkit.scoring.base;

import java.util.List;

/**
 * No provider has the requested strategy id; the message lists the known ids.
 *
 * <pre>{@code
 * catch (UnknownStrategyException e) { e.knownIds(); } // [abc, rfm, ...]
 * }</pre>
 */
public final class UnknownStrategyException extends ScoringException {

  private static final long serialVersionUID = 1L;

  private final String id;
  private final List<String> knownIds;

  public UnknownStrategyException(String id, List<String> knownIds) {
    super(
        "unknown scoring strategy '" + id + "'; known: "
            + (knownIds.isEmpty() ? "none (no provider found)" : String.join(", ", knownIds)));
    this.id = id;
    this.knownIds = List.copyOf(knownIds);
  }

  public String id() {
    return id;
  }

  public List<String> knownIds() {
    return knownIds;
  }
}
