package dev.crmkit.core.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link StoreWorker} in a JVM of its own, its output lines collected as they come. */
final class Child implements AutoCloseable {

  final Process process;
  final List<String> lines = new CopyOnWriteArrayList<>();
  private final Path errors;
  private final Thread reader;

  private Child(Process process, Path errors) {
    this.process = process;
    this.errors = errors;
    this.reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  static Child start(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), StoreWorker.class.getName()));
    command.addAll(List.of(args));
    try {
      Path errors = Files.createTempFile("store-worker", ".err");
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
      for (String name : List.of("CRMKIT_PG_URL", "CRMKIT_PG_USER", "CRMKIT_PG_PASSWORD")) {
        String value = PgSchema.setting(name);
        if (value != null) {
          pb.environment().put(name, value);
        }
      }
      return new Child(pb.start(), errors);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the worker process", e);
    }
  }

  /** Waits until a line matches, at most {@code timeout}; fails with the child's errors if not. */
  void awaitLine(Predicate<List<String>> condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.test(lines)) {
      if (System.nanoTime() > end || (!process.isAlive() && !reader.isAlive())) {
        if (condition.test(lines)) {
          return;
        }
        throw new AssertionError("the worker did not get there in " + timeout + "; its output: "
            + lines + "; its errors: " + errors());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  void awaitLine(String line, Duration timeout) {
    awaitLine(l -> l.contains(line), timeout);
  }

  /** Waits for a normal end; fails when the child failed. */
  void awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the worker still runs after " + timeout + "; " + errors());
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("the worker failed (exit " + process.exitValue() + "): " + errors());
    }
  }

  /**
   * kill -9, then every line the worker wrote before it died: the reader drains the pipe to its
   * end (a dead process's pipe ends), however long a loaded machine takes to get there.
   */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the worker did not die within 60 s of kill -9");
      }
      reader.join(120_000);
      if (reader.isAlive()) {
        throw new AssertionError("the worker's output was not read to its end within 120 s");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> withPrefix(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
        .toList();
  }

  String errors() {
    try {
      String text = Files.readString(errors);
      return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
    } catch (IOException e) {
      return "(cannot read: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(errors);
    } catch (IOException e) {
      // a temporary file
    }
  }
}
