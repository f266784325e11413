package dev.crmkit.loyalty;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per amount for the amounts entries keep ({@link Entry#spend()}): a shop's
 * prices repeat, and one {@code BigDecimal} per purchase entry was a twentieth of a 1M-event
 * replay's heap. {@code BigDecimal} is immutable, so sharing is safe; the table stops growing at
 * {@value #MAX} amounts (later new amounts are kept as they come), so it cannot grow without bound.
 */
final class Amounts {

  static final int MAX = 4096;
  private static final ConcurrentHashMap<BigDecimal, BigDecimal> SHARED = new ConcurrentHashMap<>();

  private Amounts() {}

  /** The shared instance equal to {@code amount} (same value and scale), or {@code amount} itself. */
  static BigDecimal canonical(BigDecimal amount) {
    BigDecimal shared = SHARED.get(amount);
    if (shared != null) {
      return shared;
    }
    if (SHARED.size() >= MAX) {
      return amount;
    }
    shared = SHARED.putIfAbsent(amount, amount);
    return shared != null ? shared : amount;
  }
}
