/**
 * crmkit's scoring: columnar transaction and summary tables, the scoring SPI
 * ({@link dev.crmkit.scoring.ScoringStrategyProvider}, found with {@link java.util.ServiceLoader})
 * with the built-in strategies, and the customer-lifetime-value models. Every package is
 * exported except {@code dev.crmkit.scoring.internal} and {@code dev.crmkit.scoring.binning}.
 */
module dev.crmkit.scoring {
  // nullness is stated with JSpecify (@NullMarked packages, @Nullable where null is allowed)
  requires transitive org.jspecify;
  // in the API: crm-core's types (CoreLogs, Money) and Jackson's (strategy configurations)
  requires transitive dev.crmkit.core;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;
  // Hipparchus has no module name of its own: the name derived from hipparchus-core-<v>.jar
  requires hipparchus.core;

  exports dev.crmkit.scoring;
  exports dev.crmkit.scoring.base;
  exports dev.crmkit.scoring.clv;
  exports dev.crmkit.scoring.strategies;
  exports dev.crmkit.scoring.table;

  // Jackson reads the strategies' configuration records and writes score tables by reflection
  opens dev.crmkit.scoring to com.fasterxml.jackson.databind;
  opens dev.crmkit.scoring.clv to com.fasterxml.jackson.databind;
  opens dev.crmkit.scoring.internal to com.fasterxml.jackson.databind;
  opens dev.crmkit.scoring.strategies to com.fasterxml.jackson.databind;
  opens dev.crmkit.scoring.table to com.fasterxml.jackson.databind;

  // the scoring SPI: plugins on the module path provide it, ScoringEngine.load() uses it; the
  // built-ins are registered here and in META-INF/services (for the class path) alike
  uses dev.crmkit.scoring.ScoringStrategyProvider;
  provides dev.crmkit.scoring.ScoringStrategyProvider with
      dev.crmkit.scoring.internal.RfmProvider,
      dev.crmkit.scoring.internal.AbcProvider,
      dev.crmkit.scoring.internal.WeightedValueProvider,
      dev.crmkit.scoring.internal.ValueMatrixProvider,
      dev.crmkit.scoring.internal.CustomerTypeProvider,
      dev.crmkit.scoring.internal.RadProvider,
      dev.crmkit.scoring.clv.ClvStrategyProvider;
}
