package dev.crmkit.scoring.testplugin;

/** A provider with an id that is not lower-case-with-hyphens. */
public final class BadIdProvider extends AbstractTestProvider {
  @Override
  public String id() {
    return "Top Spenders";
  }
}
