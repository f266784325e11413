package dev.crmkit.scoring.testplugin;

/** A second provider with the id "top-spenders". */
public final class SecondTopSpendersProvider extends AbstractTestProvider {
  @Override
  public String id() {
    return "top-spenders";
  }
}
