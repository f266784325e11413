package dev.crmkit.scoring;

import dev.crmkit.scoring.base.InvalidConfigurationException;

/**
 * The service interface of a scoring strategy: found with {@link java.util.ServiceLoader}, so
 * a plugin registers by naming its class in {@code
 * META-INF/services/dev.crmkit.scoring.ScoringStrategyProvider}. The built-in strategies
 * register the same way.
 *
 * <p>An implementation needs a public no-argument constructor. Its configuration type is read
 * from JSON with Jackson (a record works well; validate in its constructor and throw {@link
 * InvalidConfigurationException} naming the field, the value and what is allowed).
 *
 * <pre>{@code
 * public final class TopSpenders implements ScoringStrategyProvider<TopSpenders.Config> {
 *   public record Config(Double minimum) {}
 *   public String id() { return "top-spenders"; }
 *   public Class<Config> configType() { return Config.class; }
 *   public Config defaultConfig() { return new Config(1000.0); }
 *   public ScoringStrategy create(Config config) { ... }
 * }
 * }</pre>
 *
 * @param <C> the configuration type
 */
public interface ScoringStrategyProvider<C> {

  /** The strategy id: lower-case letters, digits and hyphens, starting with a letter. */
  String id();

  /** The configuration type that Jackson reads from JSON. */
  Class<C> configType();

  /** The configuration used when none is given. */
  C defaultConfig();

  /** A strategy with this (already validated) configuration. */
  ScoringStrategy create(C config);

  /** One line describing the strategy, for listings. */
  default String description() {
    return id();
  }
}
