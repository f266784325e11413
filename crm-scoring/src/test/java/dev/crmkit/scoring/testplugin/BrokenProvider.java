package dev.crmkit.scoring.testplugin;

/** A provider whose constructor fails: the engine must name it and the cause. */
public final class BrokenProvider extends AbstractTestProvider {
  public BrokenProvider() {
    throw new IllegalStateException("no licence key configured");
  }
}
