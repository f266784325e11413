package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CrmException;
import dev.crmkit.scoring.base.ScoringException;
import org.junit.jupiter.api.Test;

class FitExceptionTest {

  @Test
  void a_failed_fit_is_a_scoring_exception_that_keeps_what_a_person_needs() {
    FitException e = new FitException("BG/NBD", "no convergence", 250,
        new String[] {"r", "alpha"}, new double[] {0.5, 2.0}, -123.5);

    assertThat(e).isInstanceOf(ScoringException.class).isInstanceOf(CrmException.class);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage())
        .isEqualTo("BG/NBD fit failed: no convergence after 250 iterations; last parameters"
            + " {r=0.5, alpha=2.0}, log-likelihood -123.5");
    assertThat(e.model()).isEqualTo("BG/NBD");
    assertThat(e.iterations()).isEqualTo(250);
    assertThat(e.lastParameters()).containsExactly(0.5, 2.0);
    assertThat(e.logLikelihood()).isEqualTo(-123.5);
  }

  @Test
  void the_last_parameters_are_a_copy() {
    double[] params = {1.0, 2.0};
    FitException e = new FitException("Gamma-Gamma", "singular", 3, new String[] {"p", "q"}, params, -1);
    params[0] = 99;
    e.lastParameters()[1] = 99;

    assertThat(e.lastParameters()).containsExactly(1.0, 2.0);
  }
}
