package dev.crmkit.spark;

import dev.crmkit.scoring.CustomerScorer;
import java.util.List;

/** A test scorer that describes itself as {@link #delegate()} does and overrides only what a test changes. */
interface ForwardingScorer extends CustomerScorer {

  CustomerScorer delegate();

  @Override
  default String strategyId() {
    return delegate().strategyId();
  }

  @Override
  default List<String> inputMetrics() {
    return delegate().inputMetrics();
  }

  @Override
  default List<String> explanationNames() {
    return delegate().explanationNames();
  }

  @Override
  default List<String> scoreNames() {
    return delegate().scoreNames();
  }

  @Override
  default String labelName() {
    return delegate().labelName();
  }

  @Override
  default List<String> classes() {
    return delegate().classes();
  }

  @Override
  default boolean orderedClasses() {
    return delegate().orderedClasses();
  }
}
