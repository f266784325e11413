package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that mvn verify runs on crm.jar finds test frameworks, and only them. */
class ShadedJarCheckTest {

  @TempDir Path dir;

  private Path jar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (String entry : entries) {
        out.putNextEntry(new JarEntry(entry));
        out.write(1);
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void finds_every_test_framework_also_in_a_versioned_directory() throws IOException {
    Path jar = jar("bad.jar", "dev/crmkit/cli/CrmCommand.class", "org/junit/jupiter/api/Test.class",
        "net/jqwik/api/Arbitrary.class", "org/assertj/core/api/Assertions.class",
        "net/bytebuddy/ByteBuddy.class", "META-INF/versions/9/org/opentest4j/AssertionFailedError.class",
        "org/apiguardian/api/API.class");

    assertThat(ShadedJarCheck.forbiddenEntries(jar)).containsExactly(
        "org/junit/jupiter/api/Test.class", "net/jqwik/api/Arbitrary.class",
        "org/assertj/core/api/Assertions.class", "net/bytebuddy/ByteBuddy.class",
        "META-INF/versions/9/org/opentest4j/AssertionFailedError.class", "org/apiguardian/api/API.class");
  }

  @Test
  void a_jar_without_them_passes_even_with_look_alike_names() throws IOException {
    Path jar = jar("good.jar", "dev/crmkit/cli/CrmCommand.class", "org/junitx/Other.class",
        "org/h2/Driver.class", "META-INF/versions/11/com/fasterxml/jackson/core/X.class");

    assertThat(ShadedJarCheck.forbiddenEntries(jar)).isEmpty();
  }

  @Test
  void the_check_fails_naming_the_entries_before_running_anything() throws IOException {
    Path jar = jar("bad.jar", "org/junit/jupiter/api/Test.class");

    assertThatThrownBy(() -> ShadedJarCheck.main(new String[] {jar.toString()}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad.jar carries 1 entries of test frameworks")
        .hasMessageContaining("org/junit/jupiter/api/Test.class");
  }

  @Test
  void a_missing_jar_says_to_package_first() {
    assertThatThrownBy(() -> ShadedJarCheck.main(new String[] {dir.resolve("crm.jar").toString()}))
        .hasMessageContaining("does not exist: run mvn package first");
  }

  @Test
  void a_jar_over_its_size_fails_naming_both_sizes() throws IOException {
    Path jar = jar("big.jar", "dev/crmkit/cli/CrmCommand.class");
    long size = Files.size(jar);

    ShadedJarCheck.checkSize(jar, size);
    assertThatThrownBy(() -> ShadedJarCheck.checkSize(jar, size - 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("big.jar is " + size + " bytes, over its " + (size - 1));
  }
}
