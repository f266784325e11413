package dev.crmkit.scoring.clv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Transaction models fitted on the same customers, side by side: log-likelihood, parameter
 * count, AIC and BIC, best (smallest BIC) first.
 *
 * <pre>{@code
 * ModelComparison c = ModelComparison.of(List.of(BgNbd.fit(rows), ParetoNbd.fit(rows)));
 * c.best().model().id();
 * }</pre>
 */
public record ModelComparison(List<ModelFit<?>> fits) {

  public ModelComparison {
    if (fits.isEmpty()) {
      throw new IllegalArgumentException("nothing to compare: no fits");
    }
    long customers = fits.get(0).customers();
    for (ModelFit<?> fit : fits) {
      if (fit.customers() != customers) {
        throw new IllegalArgumentException("fits on different customers cannot be compared: "
            + fits.get(0).model().id() + " on " + customers + ", " + fit.model().id() + " on " + fit.customers());
      }
    }
    List<ModelFit<?>> sorted = new ArrayList<>(fits);
    sorted.sort(Comparator.comparingDouble(ModelFit::bic));
    fits = List.copyOf(sorted);
  }

  public static ModelComparison of(List<? extends ModelFit<?>> fits) {
    return new ModelComparison(List.copyOf(fits));
  }

  /** The fit with the smallest BIC. */
  public ModelFit<?> best() {
    return fits.get(0);
  }
}
