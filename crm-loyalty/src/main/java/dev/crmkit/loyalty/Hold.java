package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;

/**
 * One append-only event in a reservation's life: reserved, then confirmed or released. {@code
 * holdId} is the idempotency key of the reserving call; {@code series} and {@code code} are set
 * when the reservation holds a voucher; {@code points} is what the reservation holds.
 */
public record Hold(
    String holdId,
    CustomerId member,
    String series,
    String code,
    State state,
    Instant at,
    long points,
    String reference,
    String key) {

  public enum State {
    RESERVED,
    CONFIRMED,
    RELEASED
  }

  public Hold {
    requireNonNull(holdId, "holdId");
    requireNonNull(member, "member");
    requireNonNull(state, "state");
    requireNonNull(at, "at");
    requireNonNull(key, "key");
    if ((series == null) != (code == null)) {
      throw new IllegalArgumentException("series and code: both or neither");
    }
  }
}
