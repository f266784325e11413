package dev.crmkit.core.sales;

/**
 * Where a lead stands: new, qualified (worth pursuing), disqualified, or converted into a
 * customer.
 *
 * <pre>{@code
 * sales.leads().stream().filter(l -> l.status() == LeadStatus.QUALIFIED).toList();
 * }</pre>
 */
public enum LeadStatus {
  NEW,
  QUALIFIED,
  DISQUALIFIED,
  CONVERTED
}
