package dev.crmkit.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Facades on an embedded H2 database in a fresh temporary folder, for the tests that run the
 * same behaviour on the in-memory store and on H2 (a subclass overrides the test's
 * {@code crm(clock)} with {@link #open} and closes it with {@link #close}).
 */
final class H2Crms {

  private static final Map<Crm, Path> FOLDERS = new ConcurrentHashMap<>();

  private H2Crms() {}

  /** A facade on a new, empty H2 database. */
  static Crm open(Clock clock) {
    try {
      Path dir = Files.createTempDirectory("crmkit-h2-");
      Crm crm = Crm.embedded(dir, clock);
      FOLDERS.put(crm, dir);
      return crm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the database and deletes its folder. */
  static void close(Crm crm) {
    crm.close();
    Path dir = FOLDERS.remove(crm);
    if (dir != null) {
      delete(dir);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
