package dev.crmkit.scoring.base;

/**
 * Two providers registered the same strategy id; the message names both classes.
 *
 * <pre>{@code
 * catch (DuplicateStrategyException e) { e.firstProvider(); e.secondProvider(); }
 * }</pre>
 */
public final class DuplicateStrategyException extends ScoringException {

  private static final long serialVersionUID = 1L;

  private final String id;
  private final String firstProvider;
  private final String secondProvider;

  public DuplicateStrategyException(String id, String firstProvider, String secondProvider) {
    super(
        "two scoring providers have the id '" + id + "': " + firstProvider + " and "
            + secondProvider + "; remove one of them from the class path");
    this.id = id;
    this.firstProvider = firstProvider;
    this.secondProvider = secondProvider;
  }

  public String id() {
    return id;
  }

  public String firstProvider() {
    return firstProvider;
  }

  public String secondProvider() {
    return secondProvider;
  }
}
