package dev.crmkit.core.customer;

/**
 * The market sector of an organization; government and education are special sectors for key
 * account screening.
 *
 * <pre>{@code
 * Registration.organization("City of Austin").sector(Sector.GOVERNMENT);
 * }</pre>
 */
public enum Sector {
  CONSUMER,
  SMALL_BUSINESS,
  ENTERPRISE,
  GOVERNMENT,
  EDUCATION,
  HEALTHCARE,
  NON_PROFIT
}
