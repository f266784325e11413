package dev.crmkit.core.sales;

/**
 * What kind of sales activity is planned or done.
 *
 * <pre>{@code
 * ActivityRequest.of(ActivityType.CALL, "Follow up on quote", customerId, "agent-7");
 * }</pre>
 */
public enum ActivityType {
  CALL,
  MEETING,
  QUOTE,
  TASK
}
