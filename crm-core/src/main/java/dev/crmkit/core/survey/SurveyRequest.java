package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import dev.crmkit.core.internal.Checks;

import dev.crmkit.core.base.CustomerId;
import java.util.Optional;

/**
 * A survey answer as it comes in; {@link Surveys#record} adds the id and time and checks that a
 * named case or order belongs to the customer. Each setter checks its value at once.
 *
 * <pre>{@code
 * SurveyRequest.of(annaId).csat(5).nps(10).aboutOrder("O-000001")
 * }</pre>
 */
public final class SurveyRequest {

  final CustomerId customerId;
  Optional<Integer> csat = Optional.empty();
  Optional<Integer> nps = Optional.empty();
  String text = "";
  Optional<String> caseId = Optional.empty();
  Optional<String> orderId = Optional.empty();

  private SurveyRequest(CustomerId customerId) {
    this.customerId = notNull("customerId", customerId);
  }

  public static SurveyRequest of(CustomerId customerId) {
    return new SurveyRequest(customerId);
  }

  public SurveyRequest csat(int score) {
    if (score < 1 || score > 5) {
      throw invalid("csat", score, "1 to 5");
    }
    csat = Optional.of(score);
    return this;
  }

  public SurveyRequest nps(int score) {
    if (score < 0 || score > 10) {
      throw invalid("nps", score, "0 to 10");
    }
    nps = Optional.of(score);
    return this;
  }

  public SurveyRequest text(String value) {
    text = freeText("text", value);
    return this;
  }

  public SurveyRequest aboutCase(String value) {
    caseId = Optional.of(Checks.text("caseId", value));
    return this;
  }

  public SurveyRequest aboutOrder(String value) {
    orderId = Optional.of(Checks.text("orderId", value));
    return this;
  }
}
