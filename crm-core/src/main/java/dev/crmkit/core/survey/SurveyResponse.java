package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import dev.crmkit.core.internal.Checks;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * One answered survey: a CSAT score (1-5), an NPS score (0-10, "how likely are you to recommend
 * us"), free text, or any of them, from a customer and optionally about a case or a purchase.
 *
 * <pre>{@code
 * SurveyResponse r = surveys.record(SurveyRequest.of(annaId).csat(4).nps(9).text("quick repair")
 *     .aboutCase("CASE-000001"));
 * }</pre>
 */
public record SurveyResponse(
    String id,
    CustomerId customerId,
    Instant answeredAt,
    Optional<Integer> csat,
    Optional<Integer> nps,
    String text,
    Optional<String> caseId,
    Optional<String> orderId) {

  public SurveyResponse {
    id = Checks.text("id", id);
    notNull("customerId", customerId);
    notNull("answeredAt", answeredAt);
    csat = optional(csat);
    csat.filter(s -> s < 1 || s > 5).ifPresent(s -> {
      throw invalid("csat", s, "1 to 5");
    });
    nps = optional(nps);
    nps.filter(s -> s < 0 || s > 10).ifPresent(s -> {
      throw invalid("nps", s, "0 to 10");
    });
    text = freeText("text", text);
    caseId = optionalText("caseId", caseId);
    orderId = optionalText("orderId", orderId);
    if (csat.isEmpty() && nps.isEmpty() && text.isEmpty()) {
      throw invalid("csat", "(none)", "a CSAT score, an NPS score or a text in each response");
    }
  }
}
