package dev.crmkit.loyalty;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Events that earn fixed points through {@code event} rules. The host reports {@link
 * #REGISTRATION}, {@link #BIRTHDAY} and {@link #SURVEY_ANSWERED} with {@code Loyalty.event};
 * {@link #FIRST_PURCHASE} fires on a member's first purchase and the two referral events on
 * {@code Loyalty.referral}.
 *
 * <pre>{@code
 * loyalty.event(member, MemberEvent.BIRTHDAY, "2026", "bday-C-1-2026");
 * }</pre>
 */
public enum MemberEvent {
  @JsonProperty("registration")
  REGISTRATION,
  @JsonProperty("birthday")
  BIRTHDAY,
  @JsonProperty("first-purchase")
  FIRST_PURCHASE,
  @JsonProperty("referral-referrer")
  REFERRAL_REFERRER,
  @JsonProperty("referral-referred")
  REFERRAL_REFERRED,
  @JsonProperty("survey-answered")
  SURVEY_ANSWERED;

  /** The name used in program JSON and replay files. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
