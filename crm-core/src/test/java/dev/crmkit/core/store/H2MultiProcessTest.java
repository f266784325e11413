package dev.crmkit.core.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one embedded H2 folder (the first to open it serves the other). */
class H2MultiProcessTest extends MultiProcessContract {

  @TempDir Path dir;

  @Override
  String target() {
    return "h2:" + dir;
  }

  @Override
  CrmStore open() {
    return CrmStore.embedded(dir);
  }
}
