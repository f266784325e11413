package dev.crmkit.loyalty;

import dev.crmkit.core.Money;
import java.time.Instant;

/**
 * What the program owes members: {@code points} is the sum of what members hold (active and
 * pending), not net of debts, with its money {@code value} when the program sets {@code
 * pointValue} (null otherwise). {@code debt} is what members owe back (unlimited returns), kept
 * apart: one member's debt does not pay another member's points.
 *
 * <pre>{@code
 * Liability l = loyalty.liability();
 * }</pre>
 */
public record Liability(Instant asOf, long points, Money value, long debt) {}
