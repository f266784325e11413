package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.customer.Customer;

/**
 * The outcome of {@link IdentityResolution#merge}: the new version of the survivor and the
 * report.
 *
 * <pre>{@code
 * MergeResult r = IdentityResolution.merge(older, newer, clock.instant());
 * }</pre>
 */
public record MergeResult(Customer survivor, MergeReport report) {

  public MergeResult {
    notNull("survivor", survivor);
    notNull("report", report);
  }
}
