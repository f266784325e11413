package dev.crmkit.cli.report;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.TierStatus;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Runs a loyalty program over every positive transaction of a log (one purchase per row, in day
 * order, each at noon UTC of its day, in memory) and records the points outstanding at each month
 * end and the tier sizes at the end.
 *
 * <pre>{@code
 * LoyaltyRun.Result r = LoyaltyRun.run(LoyaltyRun.demoProgram(), log, "EUR");
 * }</pre>
 */
public final class LoyaltyRun {

  /** Points outstanding (active + pending) at a month end; tier sizes at the last day. */
  public record Result(String programId, long purchases, List<LocalDate> monthEnds, List<Long> outstanding,
      Map<String, Integer> tiers, long finalOutstanding) {}

  private LoyaltyRun() {}

  /** The program the demo runs: 1 point per euro, 2 on service, 24-month expiry, silver and gold tiers. */
  public static LoyaltyProgram demoProgram() {
    try (InputStream in = LoyaltyRun.class.getResourceAsStream("demo-program.json")) {
      return LoyaltyProgram.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Result run(LoyaltyProgram program, TransactionLog log) {
    SettableClock clock = SettableClock.of(Instant.EPOCH, ZoneOffset.UTC);
    Loyalty loyalty = Loyalty.of(program, LedgerStore.inMemory(), clock);
    String currency = program.currency().getCurrencyCode();
    Integer[] order = IntStream.range(0, log.size()).boxed().toArray(Integer[]::new);
    java.util.Arrays.sort(order, Comparator.comparingInt(log::day));
    List<LocalDate> monthEnds = new ArrayList<>();
    List<Long> outstanding = new ArrayList<>();
    LocalDate nextMonthEnd = null;
    long purchases = 0;
    for (int r : order) {
      double amount = log.amount(r);
      LocalDate day = LocalDate.ofEpochDay(log.day(r));
      if (nextMonthEnd == null) {
        nextMonthEnd = day.withDayOfMonth(day.lengthOfMonth());
      }
      while (day.isAfter(nextMonthEnd)) {
        forwardTo(clock, nextMonthEnd.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC));
        loyalty.expireDue();
        monthEnds.add(nextMonthEnd);
        outstanding.add(loyalty.liability().points());
        nextMonthEnd = nextMonthEnd.plusDays(1).withDayOfMonth(1);
        nextMonthEnd = nextMonthEnd.withDayOfMonth(nextMonthEnd.lengthOfMonth());
      }
      if (!(amount > 0)) {
        continue; // net returns and zero rows earn nothing; returns need the original order
      }
      forwardTo(clock, day.atTime(12, 0).toInstant(ZoneOffset.UTC));
      String category = log.category(r) == TransactionLog.NO_CATEGORY ? "none" : log.categoryName(log.category(r));
      CustomerId member = CustomerId.of(log.customerId(log.customerIndex(r)));
      Money paid;
      try {
        paid = Money.of(BigDecimal.valueOf(amount).setScale(program.currency().getDefaultFractionDigits(),
            java.math.RoundingMode.UNNECESSARY), program.currency());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("transaction of " + member.value() + " on " + day + ": amount " + amount
            + " has more decimals than " + currency + " allows; the loyalty program books exact money");
      }
      loyalty.purchase(new Purchase(member, "row-" + r, List.of(new Purchase.Line(category, category, 1, paid))),
          "row-" + r);
      purchases++;
    }
    if (nextMonthEnd != null) {
      forwardTo(clock, nextMonthEnd.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC));
      loyalty.expireDue();
      monthEnds.add(nextMonthEnd);
      outstanding.add(loyalty.liability().points());
    }
    Map<String, Integer> tiers = new LinkedHashMap<>();
    if (program.tiers() != null) {
      program.tiers().levels().forEach(l -> tiers.put(l.id(), 0));
    }
    for (CustomerId m : loyalty.members()) {
      Optional<TierStatus> t = loyalty.tier(m);
      t.ifPresent(s -> tiers.merge(s.tier(), 1, Integer::sum));
    }
    long last = outstanding.isEmpty() ? 0 : outstanding.get(outstanding.size() - 1);
    return new Result(program.id(), purchases, monthEnds, outstanding, tiers, last);
  }

  /** Month ends and purchases interleave; the clock never goes back, as it would not in a shop. */
  private static void forwardTo(SettableClock clock, Instant instant) {
    if (instant.isAfter(clock.instant())) {
      clock.set(instant);
    }
  }
}
