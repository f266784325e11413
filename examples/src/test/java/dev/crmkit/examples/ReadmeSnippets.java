package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Keeps the README's Java snippets true: a test runs a snippet between two marker comments and
 * checks, through this class, that the README shows the same text.
 */
final class ReadmeSnippets {

  private ReadmeSnippets() {}

  /**
   * The body of {@code testSource} between {@code // --- NAME (README) ---} and
   * {@code // --- end of NAME ---}, unindented, equals the first {@code java} block of the README
   * after {@code readmeMarker}.
   */
  static void assertReadmeShows(String name, String testSource, String readmeMarker) {
    String test = read(Path.of("src/test/java").resolve(testSource));
    String start = "// --- " + name + " (README) ---\n";
    String snippet = between(test, start, "// --- end of " + name + " ---");
    int indent = snippet.length() - snippet.stripLeading().length();
    String expected = snippet.lines().map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    String readme = read(Path.of("../README.md"));
    String fenced = between(readme.substring(indexOf(readme, readmeMarker)), "```java\n", "```");
    assertThat(fenced)
        .as("the README's java block after '%s' must be the snippet %s runs", readmeMarker, testSource)
        .isEqualTo(expected);
  }

  /**
   * The README's first {@code java} block after {@code readmeMarker} equals {@code source} (a path
   * from the module directory) from the line starting with {@code fromLine} to the end.
   */
  static void assertReadmeShowsSource(String source, String fromLine, String readmeMarker) {
    String text = read(Path.of(source));
    String expected = text.substring(indexOf(text, fromLine));
    String readme = read(Path.of("../README.md"));
    String fenced = between(readme.substring(indexOf(readme, readmeMarker)), "```java\n", "```");
    assertThat(fenced).as("the README's java block after '%s' must be %s", readmeMarker, source)
        .isEqualTo(expected);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(String text, String marker) {
    int at = text.indexOf(marker);
    assertThat(at).as("marker '%s' not found", marker).isNotNegative();
    return at;
  }

  private static String between(String text, String start, String end) {
    int from = indexOf(text, start) + start.length();
    int to = text.indexOf(end, from);
    assertThat(to).as("marker '%s' not found after '%s'", end, start).isNotNegative();
    String body = text.substring(from, to);
    // the end marker stands on its own line: drop that line's indentation
    return body.substring(0, body.lastIndexOf('\n') + 1);
  }
}
