package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.examples.ReadmeSnippets.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard: every {@code ```java} block of README.md and docs/*.md is the text of a snippet
 * that a test runs, marked {@code // --- NAME (README) ---} ... {@code // --- end of NAME ---}
 * in a source of some module (the tests of crm-core, crm-scoring, crm-loyalty, crm-spark, crm-datagen, crm-cli,
 * crm-testkit, examples-plugin and examples; the README's plugin is marked in its main source and
 * run by {@link BigSpendersCompatibilityTest}). A new or changed block that no snippet shows fails
 * here, naming the page and line.
 */
class DocBlocksAreRunTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void every_java_block_of_the_readme_and_the_docs_is_a_snippet_a_test_runs() throws IOException {
    List<Block> blocks = blocks(ROOT);
    assertThat(blocks).as("java blocks found").hasSizeGreaterThanOrEqualTo(10);
    assertThat(unclaimed(blocks, snippets(ROOT)))
        .as("java blocks that no marked snippet in a module's sources shows; put the block between"
            + " '// --- NAME (docs) ---' and '// --- end of NAME ---' in a test that runs it")
        .isEmpty();
  }

  @Test
  void a_new_block_that_no_test_runs_is_found(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.createDirectories(dir.resolve("m/src/test/java"));
    Files.writeString(dir.resolve("README.md"), "# x\n```java\nint one = 1;\n```\n");
    Files.writeString(dir.resolve("docs/new.md"), "text\n\n```java\nint two = 2;\n```\n```json\n{}\n```\n");
    Files.writeString(dir.resolve("m/src/test/java/T.java"),
        "class T {\n  void t() {\n    // --- one (README) ---\n    int one = 1;\n    // --- end of one ---\n  }\n}\n");
    assertThat(unclaimed(blocks(dir), snippets(dir))).containsExactly("docs/new.md:3: int two = 2;");
  }

  private static List<Block> blocks(Path root) throws IOException {
    List<String> pages = new ArrayList<>(List.of("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Block> blocks = new ArrayList<>();
    for (String page : pages) {
      blocks.addAll(ReadmeSnippets.javaBlocks(root, page));
    }
    return blocks;
  }

  /** Every marked snippet's text in the Java sources of the modules (one level below the root). */
  private static List<String> snippets(Path root) throws IOException {
    List<String> texts = new ArrayList<>();
    List<Path> sourceRoots = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        for (String kind : List.of("src/test/java", "src/main/java")) {
          if (Files.isDirectory(module.resolve(kind))) {
            sourceRoots.add(module.resolve(kind));
          }
        }
      }
    }
    for (Path sources : sourceRoots) {
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Map<String, String> marked = ReadmeSnippets.snippets(ReadmeSnippets.read(file));
          texts.addAll(marked.values());
        }
      }
    }
    return texts;
  }

  private static List<String> unclaimed(List<Block> blocks, List<String> snippets) {
    return blocks.stream().filter(b -> !snippets.contains(b.text()))
        .map(b -> b.page() + ":" + b.line() + ": " + b.text().lines().findFirst().orElse(""))
        .toList();
  }
}
