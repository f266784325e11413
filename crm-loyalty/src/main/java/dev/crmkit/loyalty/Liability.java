package dev.crmkit.loyalty;

import dev.crmkit.core.Money;
import java.time.Instant;

/**
 * The program's outstanding points: what members hold (active and pending), and its money value
 * when the program sets {@code pointValue} (null otherwise).
 *
 * <pre>{@code
 * Liability l = loyalty.liability();
 * }</pre>
 */
public record Liability(Instant asOf, long points, Money value) {}
