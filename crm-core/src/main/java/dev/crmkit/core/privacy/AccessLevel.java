package dev.crmkit.core.privacy;

/**
 * Who is reading: {@code PUBLIC} (anyone, e.g. a partner portal or a log), {@code INTERNAL}
 * (staff), {@code RESTRICTED} (the few cleared to see everything). What each level sees in clear
 * is set by an {@link AccessPolicy}.
 *
 * <pre>{@code
 * CustomerView v = policy.view(customer, AccessLevel.INTERNAL);
 * }</pre>
 */
public enum AccessLevel {
  PUBLIC,
  INTERNAL,
  RESTRICTED
}
