package dev.crmkit.scoring.base;

/**
 * A scoring provider could not be loaded or instantiated, or declared itself badly; the
 * message names its class and the cause.
 *
 * <pre>{@code
 * catch (ProviderLoadException e) { e.providerClass(); e.getCause(); }
 * }</pre>
 */
public final class ProviderLoadException extends ScoringException {

  private static final long serialVersionUID = 1L;

  private final String providerClass;

  public ProviderLoadException(String providerClass, String problem, Throwable cause) {
    super("scoring provider " + providerClass + " " + problem, cause);
    this.providerClass = providerClass;
  }

  /** The provider's class name as registered. */
  public String providerClass() {
    return providerClass;
  }
}
