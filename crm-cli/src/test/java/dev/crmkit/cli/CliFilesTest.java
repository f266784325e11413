package dev.crmkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The set-up the CLI tests share: a fresh directory per test and a way to write input files into it. */
abstract class CliFilesTest {

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
