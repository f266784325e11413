package dev.crmkit.cli;

import dev.crmkit.scoring.ScoreTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a score table to a file as CSV or, for a {@code .json} name, JSON. */
final class ScoreOutput {
  private ScoreOutput() {}

  static void write(ScoreTable table, Path output) {
    try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      if (output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
        table.writeJson(out);
      } else {
        table.writeCsv(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    }
  }
}
