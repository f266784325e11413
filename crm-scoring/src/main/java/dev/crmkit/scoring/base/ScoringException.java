package dev.crmkit.scoring.base;

import dev.crmkit.core.base.CrmException;

/**
 * Something went wrong finding, configuring or running a scoring strategy, reading its input or
 * fitting a model: the root of crm-scoring's exceptions. The subclasses say what; every message
 * names the strategy id, class, field or value concerned.
 *
 * <table>
 *   <caption>The kinds</caption>
 *   <tr><th>type</th><th>when</th></tr>
 *   <tr><td>{@link UnknownStrategyException}</td><td>no provider has the strategy id</td></tr>
 *   <tr><td>{@link InvalidConfigurationException}</td><td>a configuration field is not
 *       allowed</td></tr>
 *   <tr><td>{@link DuplicateStrategyException}</td><td>two providers have the same id</td></tr>
 *   <tr><td>{@link ProviderLoadException}</td><td>a provider cannot be loaded</td></tr>
 *   <tr><td>{@link dev.crmkit.scoring.table.MalformedRowException}</td><td>a row of an input file
 *       cannot be read</td></tr>
 *   <tr><td>{@link dev.crmkit.scoring.clv.FitException}</td><td>a maximum-likelihood fit did not
 *       converge</td></tr>
 *   <tr><td>{@code ScoringException} itself</td><td>a strategy cannot score this input (a missing
 *       metric column, no customers, ...)</td></tr>
 * </table>
 *
 * <p>A class extending {@code RuntimeException}, as it always has (no catch site relies on {@code
 * IllegalArgumentException}); it implements crm-core's {@link CrmException}, so a host that
 * catches crmkit's exceptions as {@code CrmException} catches these too. Before 0.1.0, {@code
 * MalformedRowException} and {@code FitException} extended {@code RuntimeException} directly; a
 * {@code catch (RuntimeException e)} still catches them.
 *
 * <pre>{@code
 * try {
 *   engine.strategy("rmf");
 * } catch (UnknownStrategyException e) {
 *   // unknown scoring strategy 'rmf'; known: abc, rfm, ...
 * }
 * }</pre>
 */
public class ScoringException extends RuntimeException implements CrmException {

  private static final long serialVersionUID = 1L;

  public ScoringException(String message) {
    super(message);
  }

  public ScoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
