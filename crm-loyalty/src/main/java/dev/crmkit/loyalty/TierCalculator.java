package dev.crmkit.loyalty;

import dev.crmkit.loyalty.LoyaltyProgram.Downgrade;
import dev.crmkit.loyalty.LoyaltyProgram.TierBasis;
import dev.crmkit.loyalty.LoyaltyProgram.TierWindow;
import dev.crmkit.loyalty.LoyaltyProgram.Tiers;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Derives a member's tier from the ledger by replaying its history: qualifying entries upgrade
 * at once, reviews (the first local day of each review period) downgrade on the window that
 * ended at the review (on 1 January, a calendar-year window is the year just ended), manual assignments
 * (TIER entries) pin the level until released.
 */
final class TierCalculator {

  /** The level index, whether manual, and the basis value at the moment asked. */
  record Result(int level, boolean manual, BigDecimal qualifying) {}

  private final Tiers tiers;
  private final ZoneId zone;

  TierCalculator(Tiers tiers, ZoneId zone) {
    this.tiers = tiers;
    this.zone = zone;
  }

  Result at(List<Entry> entries, Instant now) {
    List<Entry> relevant = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.at().isAfter(now) && (contribution(e).signum() != 0 || e.kind() == EntryKind.TIER)) {
        relevant.add(e);
      }
    }
    relevant.sort(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
    Instant[] times = new Instant[relevant.size()];
    BigDecimal[] prefix = new BigDecimal[relevant.size() + 1];
    prefix[0] = BigDecimal.ZERO;
    for (int i = 0; i < relevant.size(); i++) {
      times[i] = relevant.get(i).at();
      prefix[i + 1] = prefix[i].add(contribution(relevant.get(i)));
    }
    int level = 0;
    boolean manual = false;
    if (relevant.isEmpty()) {
      return new Result(0, false, BigDecimal.ZERO);
    }
    Instant review = nextReview(relevant.get(0).at());
    for (int i = 0; i < relevant.size(); i++) {
      Entry e = relevant.get(i);
      while (!review.isAfter(e.at())) {
        if (!manual) {
          level = downgrade(level, tiers.qualified(window(times, prefix, review.minusNanos(1))));
        }
        review = nextReview(review);
      }
      if (e.kind() == EntryKind.TIER) {
        if (e.reference() != null) {
          level = tiers.indexOf(e.reference());
          manual = true;
          continue;
        }
        manual = false;
      }
      if (!manual) {
        // up to this entry only: a later entry at the same instant has not happened yet
        BigDecimal sofar = window(times, prefix, e.at()).subtract(prefix[upperBound(times, e.at())].subtract(prefix[i + 1]));
        level = Math.max(level, tiers.qualified(sofar));
      }
    }
    while (!review.isAfter(now)) {
      if (!manual) {
        level = downgrade(level, tiers.qualified(window(times, prefix, review.minusNanos(1))));
      }
      review = nextReview(review);
    }
    return new Result(level, manual, window(times, prefix, now));
  }

  private int downgrade(int level, int qualified) {
    if (qualified >= level) {
      return level;
    }
    return tiers.downgrade() == Downgrade.ONE_LEVEL ? level - 1 : qualified;
  }

  private BigDecimal contribution(Entry e) {
    if (tiers.basis() == TierBasis.POINTS) {
      return e.kind() == EntryKind.EARN || e.kind() == EntryKind.REVERSE
          ? BigDecimal.valueOf(e.points())
          : BigDecimal.ZERO;
    }
    return (e.kind() == EntryKind.PURCHASE || e.kind() == EntryKind.RETURN) && e.spend() != null
        ? e.spend()
        : BigDecimal.ZERO;
  }

  /** The basis summed over the window that ends at {@code t} (inclusive). */
  private BigDecimal window(Instant[] times, BigDecimal[] prefix, Instant t) {
    Instant from;
    if (tiers.window() == TierWindow.ROLLING) {
      from = t.atZone(zone).minusDays(tiers.windowDays()).toInstant();
    } else {
      from = t.atZone(zone).toLocalDate().withDayOfYear(1).atStartOfDay(zone).toInstant();
    }
    // entries in (from, t] for rolling, [from, t] for a calendar year
    int hi = upperBound(times, t);
    int lo = tiers.window() == TierWindow.ROLLING ? upperBound(times, from) : lowerBound(times, from);
    return hi <= lo ? BigDecimal.ZERO : prefix[hi].subtract(prefix[lo]);
  }

  private static int upperBound(Instant[] times, Instant t) {
    int lo = 0;
    int hi = times.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid].isAfter(t)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static int lowerBound(Instant[] times, Instant t) {
    int lo = 0;
    int hi = times.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid].isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first review strictly after {@code t}. */
  private Instant nextReview(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate();
    LocalDate next =
        switch (tiers.review()) {
          case MONTHLY -> day.withDayOfMonth(1).plusMonths(1);
          case QUARTERLY -> day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1).plusMonths(3);
          case YEARLY -> day.withDayOfYear(1).plusYears(1);
        };
    return next.atStartOfDay(zone).toInstant();
  }

}
