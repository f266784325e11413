package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the Java blocks of README.md and docs/*.md true: a test runs a snippet between two marker
 * comments, {@code // --- NAME (README) ---} (or {@code (docs)}, {@code (docs/page.md)}) and
 * {@code // --- end of NAME ---}, and the page shows the same text, unindented.
 * {@link DocBlocksAreRunTest} checks that every block of every page is such a snippet.
 */
final class ReadmeSnippets {

  /** {@code // --- NAME (LABEL) ---} on a line of its own; group 1 is the name. */
  private static final Pattern START =
      Pattern.compile("(?m)^[ \\t]*// --- (.+?) \\(([^)]*)\\) ---[ \\t]*\\n");

  private ReadmeSnippets() {}

  /**
   * The body of {@code testSource} (under src/test/java) between the markers of {@code name}
   * equals the first {@code java} block of the README after {@code readmeMarker}.
   */
  static void assertReadmeShows(String name, String testSource, String readmeMarker) {
    assertPageShows(name, "src/test/java/" + testSource, "README.md", readmeMarker);
  }

  /**
   * The snippet {@code name} of {@code source} (a path from the module folder) equals the first
   * {@code java} block of {@code page} (a path from the repository root) after {@code marker}.
   */
  static void assertPageShows(String name, String source, String page, String marker) {
    Map<String, String> snippets = snippets(read(Path.of(source)));
    assertThat(snippets).as("snippets marked in %s", source).containsKey(name);
    String text = read(Path.of("..").resolve(page));
    String fenced = between(text.substring(indexOf(text, marker)), "```java\n", "```");
    assertThat(fenced)
        .as("the java block of %s after '%s' must be the snippet '%s' of %s", page, marker, name, source)
        .isEqualTo(snippets.get(name));
  }

  /** A fenced java block of a page: where it starts (1-based line of the fence) and its text. */
  record Block(String page, int line, String text) {}

  /** Every {@code ```java} block of the page, in order. */
  static List<Block> javaBlocks(Path root, String page) {
    List<String> lines = read(root.resolve(page)).lines().toList();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```java")) {
        int from = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        blocks.add(new Block(page, from + 1, text.toString()));
      }
    }
    return blocks;
  }

  /** The marked snippets of a source, by name, each unindented and ending in a newline. */
  static Map<String, String> snippets(String source) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher m = START.matcher(source);
    while (m.find()) {
      String name = m.group(1);
      int to = source.indexOf("// --- end of " + name + " ---", m.end());
      assertThat(to).as("end marker of snippet '%s'", name).isNotNegative();
      String body = source.substring(m.end(), to);
      // the end marker stands on its own line: drop that line's indentation
      body = body.substring(0, body.lastIndexOf('\n') + 1);
      found.put(name, unindent(body));
    }
    return found;
  }

  private static String unindent(String snippet) {
    int indent = snippet.length() - snippet.stripLeading().length();
    return snippet.lines()
        .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  static String read(Path path) {
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
    return text.substring(from, to);
  }
}
