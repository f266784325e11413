package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** 2F1 against closed forms, including the regions where the plain series fails. */
class HypergeometricTest {

  static double f(double a, double b, double c, double z) {
    return Math.exp(Hypergeometric.log2F1(a, b, c, z));
  }

  @Test
  void one_one_two_is_minus_log_one_minus_z_over_z() {
    for (double z : new double[] {0.5, 0.9, 0.999, 0.99999, -0.5, -0.9, -5}) {
      double expected = -Math.log1p(-z) / z;
      assertThat(f(1, 1, 2, z)).as("z = %s", z).isCloseTo(expected, within(1e-11 * expected));
    }
  }

  @Test
  void arcsine_identity() {
    for (double x : new double[] {0.1, 0.7, 0.99}) {
      double expected = Math.asin(x) / x;
      assertThat(f(0.5, 0.5, 1.5, x * x)).isCloseTo(expected, within(1e-12 * expected));
    }
  }

  @Test
  void c_equal_to_a_gives_a_power_even_with_huge_parameters() {
    // 2F1(a, b; a; z) = (1 - z)^(-b): with a = 10000.5 the plain series would overflow
    assertThat(Hypergeometric.log2F1(10000.5, 3, 10000.5, 0.7)).isCloseTo(-3 * Math.log(0.3), within(1e-10));
    assertThat(Hypergeometric.log2F1(10000.5, 10000.5, 10000.5, 0.7)).isCloseTo(-10000.5 * Math.log(0.3), within(1e-7));
    assertThat(Hypergeometric.log2F1(2.5, 10000.5, 10000.5, -3)).isCloseTo(-2.5 * Math.log(4), within(1e-10));
    assertThat(Hypergeometric.log2F1(10000.5, 2.5, 10000.5, -3)).isCloseTo(-2.5 * Math.log(4), within(1e-10));
  }

  @Test
  void log_of_a_result_far_beyond_double_range_is_finite() {
    // (1 - z)^(-b) with b = 1e4, z = 0.99: e^46051, far beyond Double.MAX_VALUE
    double log = Hypergeometric.log2F1(7.25, 1e4, 7.25, 0.99);
    assertThat(log).isCloseTo(-1e4 * Math.log(0.01), within(1e-6));
  }

  @Test
  void scaled_form_agrees_with_the_series_and_reaches_c_at_and_below_zero() {
    // above 0.5 it is c times the series; the contiguous relation must give the same there
    for (double c : new double[] {0.7, 1.3, 2.2}) {
      double direct = c * f(0.4, 1.7, c, 0.6);
      double viaRelation = -((c + 1) * (c - (2 * c + 1 - 0.4 - 1.7) * 0.6) * f(0.4, 1.7, c + 1, 0.6)
          + (c + 1 - 0.4) * (c + 1 - 1.7) * 0.6 * f(0.4, 1.7, c + 2, 0.6)) / ((c + 1) * (0.6 - 1));
      assertThat(viaRelation).isCloseTo(direct, within(1e-12 * Math.abs(direct)));
    }
    // below 0.5, against the plain series summed in linear space (it converges for any c that is
    // not a non-positive integer)
    for (double c : new double[] {-0.4, -0.9, 0.2}) {
      double sum = 1;
      double term = 1;
      for (int k = 0; k < 2000; k++) {
        term *= (0.5 + k) * (0.3 + k) / ((c + k) * (k + 1)) * 0.6;
        sum += term;
      }
      assertThat(Hypergeometric.scaled2F1(0.5, 0.3, c, 0.6)).isCloseTo(c * sum, within(1e-12));
    }
    // at c = 0 the limit of c 2F1(a, b; c; z) is a b z 2F1(a+1, b+1; 2; z)
    assertThat(Hypergeometric.scaled2F1(0.5, 0.5, 0, 0.3))
        .isCloseTo(0.25 * 0.3 * f(1.5, 1.5, 2, 0.3), within(1e-12));
  }

  @Test
  void arguments_outside_the_domain_are_refused_with_the_arguments() {
    assertThatThrownBy(() -> Hypergeometric.log2F1(1, 1, 2, 1.0))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("z=1.0");
    assertThatThrownBy(() -> Hypergeometric.log2F1(1, 1, -2, 0.5))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("c=-2.0");
  }
}
