package dev.crmkit.scoring.clv;

import java.util.Map;

/**
 * A fitted probabilistic model of customer behaviour: its id (as in the CLI and JSON) and its
 * parameters by name, in the model's order.
 *
 * <pre>{@code
 * ClvModel model = new BgNbd(0.243, 4.414, 0.793, 2.426);
 * model.id();          // "bg-nbd"
 * model.parameters();  // {r=0.243, alpha=4.414, a=0.793, b=2.426}
 * }</pre>
 *
 * <p>Models are serializable so that a distributed engine can send a fitted model to its
 * workers (crm-spark scores customers in parallel this way).
 */
public interface ClvModel extends java.io.Serializable {

  /** The model's id: bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd, bg-bb or gamma-gamma. */
  String id();

  /** The parameters by name, in the model's order (an unmodifiable, ordered map). */
  Map<String, Double> parameters();
}
