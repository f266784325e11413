package dev.crmkit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a consumer's source with javac and runs it in a child JVM, as a host would. */
final class Consumers {

  private Consumers() {}

  /** The runtime path of crmkit's modules and their libraries (written by the build). */
  static List<Path> runtimePath() throws IOException {
    Path file = Path.of(property("crmkit.consumer.path"));
    String text = Files.readString(file).strip();
    assertThat(text).as("runtime path in " + file).isNotEmpty();
    List<Path> path = Arrays.stream(text.split(Pattern.quote(File.pathSeparator)))
        .map(Path::of).toList();
    for (Path p : path) {
      assertThat(p).as("runtime path element").exists();
    }
    return path;
  }

  static String joined(List<Path> path) {
    return String.join(File.pathSeparator, path.stream().map(Path::toString).toList());
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      fail("system property " + name + " is not set: run this test through Maven "
          + "(mvn -B verify -pl crm-consumer-tests -am), which sets it");
    }
    return value;
  }

  /** A fresh directory under target/consumers. */
  static Path workDir(String name) throws IOException {
    Path dir = Path.of(property("crmkit.work"), name);
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** The README's quick start: the first java block after the heading "## Quick start". */
  static String readmeQuickStart() throws IOException {
    String readme = Files.readString(Path.of(property("crmkit.readme")), StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Quick start\n");
    assertThat(section).as("README.md has a section '## Quick start'").isNotNegative();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme).region(section, readme.length());
    assertThat(m.find()).as("a java block in README.md's quick start").isTrue();
    return m.group(1);
  }

  /** The quick start as the body of a main method, with the imports a host writes. */
  static String quickStartMain(String packageName, String extra) throws IOException {
    StringBuilder body = new StringBuilder();
    for (String line : readmeQuickStart().split("\n")) {
      body.append("    ").append(line).append('\n');
    }
    return "package " + packageName + ";\n\n"
        + "import dev.crmkit.core.base.Channel;\n"
        + "import dev.crmkit.core.Crm;\n"
        + "import dev.crmkit.core.base.Money;\n"
        + "import dev.crmkit.core.customer.Customer;\n"
        + "import dev.crmkit.core.customer.Registration;\n"
        + "import dev.crmkit.core.interaction.Direction;\n"
        + "import dev.crmkit.core.interaction.InteractionRequest;\n"
        + "import dev.crmkit.core.interaction.InteractionType;\n"
        + "import dev.crmkit.core.purchase.OrderRequest;\n"
        + "import dev.crmkit.core.timeline.TimelineEntry;\n"
        + "import java.nio.file.Path;\n"
        + "import java.time.Clock;\n\n"
        + "public final class QuickStart {\n"
        + "  public static void main(String[] args) throws Exception {\n"
        + body
        + extra
        + "  }\n"
        + "}\n";
  }

  /** Writes the sources under {@code dir/src}, compiles them into {@code dir/classes}. */
  static Compilation compile(Path dir, List<String> options, String... pathAndSource)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < pathAndSource.length; i += 2) {
      Path f = dir.resolve("src").resolve(pathAndSource[i]);
      Files.createDirectories(f.getParent());
      Files.writeString(f, pathAndSource[i + 1]);
      files.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler (run the build on a JDK, not a JRE)").isNotNull();
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("-d", dir.resolve("classes").toString()));
    args.addAll(files);
    StringWriter out = new StringWriter();
    int code = javac.run(null, new java.io.PrintStream(new WriterStream(out), true),
        new java.io.PrintStream(new WriterStream(out), true), args.toArray(String[]::new));
    return new Compilation(code == 0, out.toString());
  }

  record Compilation(boolean ok, String diagnostics) {}

  record Run(int exit, String output) {}

  /** Runs {@code java args...} in {@code dir}; fails on a hang. */
  static Run java(Path dir, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the consumer did not end within 5 minutes: " + command);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Lines of the output that start with an ISO instant and one of the timeline kinds. */
  static List<String> timelineLines(String output, String kind) {
    return output.lines()
        .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z " + kind + " .*")).toList();
  }

  private static final class WriterStream extends java.io.OutputStream {
    private final StringWriter w;

    WriterStream(StringWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
