package dev.crmkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Keeps the Java blocks of docs/*.md true: a test runs the code between
 * {@code // --- NAME (docs) ---} and {@code // --- end of NAME ---} and checks here that the
 * page shows the same text in its first {@code java} block after a marker.
 */
public final class DocSnippets {

  private DocSnippets() {}

  /** From crm-core's module folder: the test source and the page (relative to the repository). */
  public static void assertPageShows(String name, String testSource, String page, String marker) {
    String test = read(Path.of("src/test/java").resolve(testSource));
    String snippet = between(test, "// --- " + name + " (docs) ---\n", "// --- end of " + name + " ---");
    int indent = snippet.length() - snippet.stripLeading().length();
    String expected = snippet.lines()
        .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    String text = read(Path.of("..").resolve(page));
    String fenced = between(text.substring(indexOf(text, marker)), "```java\n", "```");
    assertThat(fenced).as("the java block of %s after '%s' must be the snippet %s runs", page,
        marker, testSource).isEqualTo(expected);
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
    return body.substring(0, body.lastIndexOf('\n') + 1);
  }
}
