package dev.crmkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.base.CrmException;
import dev.crmkit.scoring.base.DuplicateStrategyException;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ProviderLoadException;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.base.UnknownStrategyException;
import dev.crmkit.scoring.clv.FitException;
import dev.crmkit.scoring.table.MalformedRowException;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crm-scoring's exceptions form one family under {@link ScoringException}. */
class ExceptionHierarchyTest {

  @Test
  void every_named_kind_is_a_scoring_exception_and_a_crm_exception() {
    List<Class<? extends RuntimeException>> kinds = List.of(
        UnknownStrategyException.class, InvalidConfigurationException.class,
        DuplicateStrategyException.class, ProviderLoadException.class,
        MalformedRowException.class, FitException.class);
    for (Class<? extends RuntimeException> kind : kinds) {
      assertThat(ScoringException.class).as(kind.getName()).isAssignableFrom(kind);
    }
    assertThat(CrmException.class).isAssignableFrom(ScoringException.class);
    // still unchecked, so existing catch (RuntimeException e) sites keep catching them
    assertThat(RuntimeException.class).isAssignableFrom(ScoringException.class);
  }

  @Test
  void a_malformed_row_is_caught_as_a_scoring_exception_and_is_not_retryable(@TempDir Path dir)
      throws IOException {
    Path csv = Files.writeString(dir.resolve("tx.csv"), "customer_id,date,amount\nC1,2024-13-01,1\n");

    Throwable t = catchThrowable(() -> TransactionLogCsv.read(csv));

    assertThat(t).isInstanceOf(MalformedRowException.class).isInstanceOf(ScoringException.class);
    assertThat(((CrmException) t).retryable()).isFalse();
  }

  @Test
  void an_unknown_strategy_is_a_crm_exception() {
    Throwable t = catchThrowable(() -> ScoringEngine.load().strategy("no-such-strategy"));

    assertThat(t).isInstanceOf(UnknownStrategyException.class).isInstanceOf(CrmException.class);
  }
}
