package dev.crmkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crmkit.scoring.base.DuplicateStrategyException;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ProviderLoadException;
import dev.crmkit.scoring.base.UnknownStrategyException;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.scoring.testplugin.TopSpendersProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringEngineTest {

  @TempDir Path dir;

  static CustomerSummary summary() {
    return CustomerSummary.of(
        TransactionLog.builder()
            .add("C1", LocalDate.of(2024, 1, 1), 1500)
            .add("C2", LocalDate.of(2024, 1, 2), 20)
            .build(),
        LocalDate.of(2024, 1, 31));
  }

  @Test
  void finds_a_plugin_through_the_service_loader_and_runs_it() {
    ScoringEngine engine = ScoringEngine.load();

    assertThat(engine.ids()).contains("top-spenders");
    assertThat(engine.provider("top-spenders")).isInstanceOf(TopSpendersProvider.class);
    ScoreTable table = engine.strategy("top-spenders", "{\"minimum\": 100}").score(summary());
    assertThat(table.label(table.indexOf("C1"))).isEqualTo("top");
    assertThat(table.label(table.indexOf("C2"))).isEqualTo("rest");
    assertThat(engine.strategy("top-spenders").score(summary()).label(0)).isEqualTo("top");
    assertThat(engine.fromJson("{\"strategy\": \"top-spenders\", \"config\": {\"minimum\": 2000}}")
            .score(summary()).label(0))
        .isEqualTo("rest");
  }

  @Test
  void an_unknown_id_lists_the_known_ones() {
    UnknownStrategyException e =
        catchThrowableOfType(
            UnknownStrategyException.class, () -> ScoringEngine.load().strategy("top-spender"));

    assertThat(e.id()).isEqualTo("top-spender");
    assertThat(e.knownIds()).contains("top-spenders");
    assertThat(e).hasMessageStartingWith("unknown scoring strategy 'top-spender'; known: ")
        .hasMessageContaining("top-spenders");
  }

  @Test
  void a_configuration_made_in_code_needs_no_json_and_must_be_of_the_provider_type() {
    ScoringEngine engine = ScoringEngine.load();
    ScoreTable table =
        engine.configured("top-spenders", new TopSpendersProvider.Config(2000.0, null))
            .score(summary());
    assertThat(table.label(0)).isEqualTo("rest");

    InvalidConfigurationException wrongType =
        catchThrowableOfType(
            InvalidConfigurationException.class,
            () -> engine.configured("top-spenders", "{\"minimum\": 100}"));
    assertThat(wrongType.strategyId()).isEqualTo("top-spenders");
    assertThat(wrongType.allowed()).isEqualTo("a " + TopSpendersProvider.Config.class.getName());
    assertThat(wrongType).hasMessageContaining("java.lang.String");

    assertThat(catchThrowableOfType(
            UnknownStrategyException.class, () -> engine.configured("top-spender", "x")).id())
        .isEqualTo("top-spender");
  }

  private ClassLoader withServices(String... classNames) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(services.resolve(ScoringStrategyProvider.class.getName()), List.of(classNames));
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void two_providers_with_one_id_are_named() throws IOException {
    ClassLoader loader = withServices("dev.crmkit.scoring.testplugin.SecondTopSpendersProvider");

    DuplicateStrategyException e =
        catchThrowableOfType(DuplicateStrategyException.class, () -> ScoringEngine.load(loader));

    assertThat(e.id()).isEqualTo("top-spenders");
    assertThat(List.of(e.firstProvider(), e.secondProvider()))
        .containsExactlyInAnyOrder(
            "dev.crmkit.scoring.testplugin.TopSpendersProvider",
            "dev.crmkit.scoring.testplugin.SecondTopSpendersProvider");
    assertThat(e).hasMessageContaining("TopSpendersProvider")
        .hasMessageContaining("SecondTopSpendersProvider");
  }

  @Test
  void a_provider_that_throws_while_loading_is_named_with_its_cause() throws IOException {
    ClassLoader loader = withServices("dev.crmkit.scoring.testplugin.BrokenProvider");

    ProviderLoadException e =
        catchThrowableOfType(ProviderLoadException.class, () -> ScoringEngine.load(loader));

    assertThat(e.providerClass()).isEqualTo("dev.crmkit.scoring.testplugin.BrokenProvider");
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(e).hasMessageContaining("BrokenProvider").hasMessageContaining("no licence key");
  }

  @Test
  void a_registered_class_that_does_not_exist_is_named() throws IOException {
    ClassLoader loader = withServices("com.example.MissingProvider");

    ProviderLoadException e =
        catchThrowableOfType(ProviderLoadException.class, () -> ScoringEngine.load(loader));

    assertThat(e.providerClass()).isEqualTo("com.example.MissingProvider");
    assertThat(e).hasMessageContaining("could not be loaded");
  }

  @Test
  void a_provider_with_a_bad_id_is_named() throws IOException {
    ClassLoader loader = withServices("dev.crmkit.scoring.testplugin.BadIdProvider");

    ProviderLoadException e =
        catchThrowableOfType(ProviderLoadException.class, () -> ScoringEngine.load(loader));

    assertThat(e.providerClass()).endsWith("BadIdProvider");
    assertThat(e).hasMessageContaining("'Top Spenders'");
  }

  @Test
  void configuration_errors_name_strategy_field_value_and_what_is_allowed() {
    ScoringEngine engine = ScoringEngine.load();

    InvalidConfigurationException invalid =
        configError(engine, "{\"minimum\": -5}");
    assertThat(invalid.strategyId()).isEqualTo("top-spenders");
    assertThat(invalid.field()).isEqualTo("minimum");
    assertThat(invalid.value()).isEqualTo("-5.0");
    assertThat(invalid.allowed()).isEqualTo("a number >= 0");
    assertThat(invalid)
        .hasMessage(
            "top-spenders: configuration field 'minimum': -5.0 is not allowed; expected a number >= 0");

    InvalidConfigurationException nested =
        configError(engine, "{\"tiers\": [{\"name\": \"a\", \"from\": 1}, {\"name\": \"b\", \"from\": -1}]}");
    assertThat(nested.field()).isEqualTo("tiers[1].from");
    assertThat(nested.value()).isEqualTo("-1.0");

    InvalidConfigurationException unknown = configError(engine, "{\"minimun\": 5}");
    assertThat(unknown.field()).isEqualTo("minimun");
    assertThat(unknown.allowed()).contains("minimum").contains("tiers");

    InvalidConfigurationException wrongType = configError(engine, "{\"minimum\": \"lots\"}");
    assertThat(wrongType.field()).isEqualTo("minimum");
    assertThat(wrongType.value()).isEqualTo("lots");
    assertThat(wrongType.allowed()).isEqualTo("a number");

    InvalidConfigurationException malformed = configError(engine, "{\"minimum\": ");
    assertThat(malformed).hasMessageContaining("well-formed JSON");

    InvalidConfigurationException document =
        catchThrowableOfType(
            InvalidConfigurationException.class,
            () -> engine.fromJson("{\"strategy\": \"top-spenders\", \"settings\": {}}"));
    assertThat(document.field()).isEqualTo("settings");
  }

  private static InvalidConfigurationException configError(ScoringEngine engine, String json) {
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class, () -> engine.strategy("top-spenders", json));
    assertThat(e).as(json).isNotNull();
    return e;
  }
}
