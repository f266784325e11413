package dev.crmkit.scoring;

/**
 * Something went wrong finding, configuring or running a scoring strategy. The subclasses say
 * what; every message names the strategy id, class, field or value concerned.
 *
 * <pre>{@code
 * try {
 *   engine.strategy("rmf");
 * } catch (UnknownStrategyException e) {
 *   // unknown scoring strategy 'rmf'; known: abc, rfm, ...
 * }
 * }</pre>
 */
public class ScoringException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ScoringException(String message) {
    super(message);
  }

  public ScoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
