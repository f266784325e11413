package dev.crmkit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, compiled and run by a host as a host would: once as a plain
 * class-path application and once as a named module on the module path, each against the built
 * crmkit jars and their libraries (the reactor's jars in a build). Each runs twice on one folder:
 * the second run finds Anna, her first order and her first call (README), which also checks that
 * Flyway's migrations and Jackson's reflection work where the program runs.
 */
class QuickStartConsumersTest {

  @Test
  void a_class_path_consumer_compiles_and_runs_the_quick_start() throws Exception {
    List<Path> libs = Consumers.runtimePath();
    Path dir = Consumers.workDir("class-path");
    Consumers.Compilation c = Consumers.compile(dir,
        List.of("-cp", Consumers.joined(libs)),
        "example/QuickStart.java", Consumers.quickStartMain("example", ""));
    assertThat(c.ok()).as(c.diagnostics()).isTrue();

    List<String> cp = List.of("-cp",
        dir.resolve("classes") + java.io.File.pathSeparator + Consumers.joined(libs),
        "example.QuickStart");
    runTwiceAndCheck(dir, cp);
  }

  @Test
  void a_module_path_consumer_compiles_and_runs_the_quick_start() throws Exception {
    List<Path> libs = Consumers.runtimePath();
    Path dir = Consumers.workDir("module-path");
    String extra = "    System.out.println(\"module \" + Crm.class.getModule().getName()"
        + " + \" automatic=\" + Crm.class.getModule().getDescriptor().isAutomatic());\n";
    Consumers.Compilation c = Consumers.compile(dir,
        List.of("--module-path", Consumers.joined(libs)),
        "module-info.java", "module example.quickstart {\n  requires dev.crmkit.core;\n}\n",
        "example/QuickStart.java", Consumers.quickStartMain("example", extra));
    assertThat(c.ok()).as(c.diagnostics()).isTrue();

    List<String> mp = List.of("--module-path",
        dir.resolve("classes") + java.io.File.pathSeparator + Consumers.joined(libs),
        "-m", "example.quickstart/example.QuickStart");
    String second = runTwiceAndCheck(dir, mp);
    // crm-core ran as the named module its module-info declares, not as an automatic module
    assertThat(second).contains("module dev.crmkit.core automatic=false");
  }

  /** Runs the consumer twice on one data folder; returns the second run's output. */
  private static String runTwiceAndCheck(Path dir, List<String> args) throws Exception {
    Consumers.Run first = Consumers.java(dir, args);
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(Consumers.timelineLines(first.output(), "PURCHASE")).as(first.output())
        .singleElement().asString().contains("paid 649.00 EUR");
    assertThat(Consumers.timelineLines(first.output(), "INTERACTION")).as(first.output())
        .singleElement().asString().contains("asks about delivery");

    Consumers.Run second = Consumers.java(dir, args);
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(Consumers.timelineLines(second.output(), "PURCHASE")).as(second.output())
        .hasSize(2);
    assertThat(Consumers.timelineLines(second.output(), "INTERACTION")).as(second.output())
        .hasSize(2);
    assertThat(dir.resolve("crm-data")).isDirectory();
    return second.output();
  }

  @Test
  void a_module_cannot_use_crm_core_internal() throws Exception {
    List<Path> libs = Consumers.runtimePath();
    Path dir = Consumers.workDir("internal");
    Consumers.Compilation c = Consumers.compile(dir,
        List.of("--module-path", Consumers.joined(libs)),
        "module-info.java", "module example.internal {\n  requires dev.crmkit.core;\n}\n",
        "example/UsesInternal.java", """
            package example;

            public final class UsesInternal {
              public static void main(String[] args) {
                dev.crmkit.core.internal.Checks.notNull("x", args);
              }
            }
            """);
    assertThat(c.ok()).isFalse();
    assertThat(c.diagnostics()).contains("dev.crmkit.core.internal")
        .containsAnyOf("is not visible", "does not export");
  }

  @Test
  void on_the_module_path_the_scoring_spi_finds_the_built_ins_and_loyalty_migrates_its_store()
      throws Exception {
    List<Path> libs = Consumers.runtimePath();
    Path dir = Consumers.workDir("scoring-loyalty");
    Consumers.Compilation c = Consumers.compile(dir,
        List.of("--module-path", Consumers.joined(libs)),
        "module-info.java", """
            module example.more {
              requires dev.crmkit.scoring;
              requires dev.crmkit.loyalty;
            }
            """,
        "example/More.java", """
            package example;

            import dev.crmkit.core.base.CustomerId;
            import dev.crmkit.core.base.Money;
            import dev.crmkit.loyalty.LedgerStore;
            import dev.crmkit.loyalty.Loyalty;
            import dev.crmkit.loyalty.LoyaltyProgram;
            import dev.crmkit.loyalty.Purchase;
            import dev.crmkit.scoring.ScoringEngine;
            import java.nio.file.Path;
            import java.time.Clock;
            import java.util.List;

            public final class More {
              public static void main(String[] args) {
                System.out.println("strategies " + ScoringEngine.load().ids());
                LoyaltyProgram program = LoyaltyProgram.fromJson(\"""
                    {"id": "club", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": 0,
                     "expiry": {"policy": "never"}, "returnPolicy": "within-balance",
                     "rules": [{"id": "base", "type": "spend", "points": "1",
                                "perAmount": "1.00", "rounding": "down"}]}
                    \""");
                try (LedgerStore store = LedgerStore.h2(Path.of("ledger"))) {
                  Loyalty loyalty = Loyalty.of(program, store, Clock.systemUTC());
                  loyalty.purchase(new Purchase(CustomerId.of("C-1"), "O-1", List.of(
                      new Purchase.Line("SKU", "misc", 1, Money.of("12.50", "EUR")))), "k-1");
                  System.out.println(
                      "balance active=" + loyalty.balance(CustomerId.of("C-1")).active());
                }
              }
            }
            """);
    assertThat(c.ok()).as(c.diagnostics()).isTrue();
    Consumers.Run run = Consumers.java(dir, List.of("--module-path",
        dir.resolve("classes") + java.io.File.pathSeparator + Consumers.joined(libs),
        "-m", "example.more/example.More"));
    assertThat(run.exit()).as(run.output()).isZero();
    List<String> lines = new ArrayList<>(run.output().lines().toList());
    assertThat(lines).as(run.output()).anySatisfy(l -> assertThat(l)
        .startsWith("strategies [").contains("rfm", "abc", "weighted-value", "value-matrix",
            "rad", "customer-type", "clv"));
    assertThat(lines).as(run.output()).anySatisfy(l -> assertThat(l)
        .isEqualTo("balance active=12"));
  }
}
