package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.loyalty.LoyaltyProgram.Limit;
import dev.crmkit.loyalty.LoyaltyProgram.ReturnPolicy;
import dev.crmkit.loyalty.LoyaltyProgram.Rule;
import dev.crmkit.loyalty.LoyaltyProgram.RuleType;
import dev.crmkit.loyalty.LoyaltyProgram.VoucherSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A loyalty program running on a ledger store: every write is one atomic, idempotent operation
 * on one member; every read derives balances and tiers from the ledger. Time comes from the
 * {@link Clock} given here, and day, month and year boundaries are in the program's zone.
 *
 * <pre>{@code
 * Loyalty loyalty = Loyalty.of(program, LedgerStore.inMemory(), Clock.systemUTC());
 * loyalty.purchase(purchase, "order-O-1001");            // earns points
 * loyalty.purchase(purchase, "order-O-1001");            // a retry: same receipt, nothing written
 * loyalty.redeemReward(member, "free-coffee", "O-1002", "reward-O-1002");
 * long spendable = loyalty.balance(member).active();
 * }</pre>
 *
 * <p>Thread-safe: a {@code Loyalty} holds nothing mutable of its own, and each write is one
 * atomic operation of its {@link LedgerStore} on one member, so threads (and, on a database
 * store, processes) may share one instance; concurrent writes never spend the same points twice.
 * A host's own store must keep that promise (the contract suite tests it).
 */
public final class Loyalty {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final LoyaltyProgram program;
  private final LedgerStore store;
  private final Clock clock;
  private final TierCalculator tiers;

  private Loyalty(LoyaltyProgram program, LedgerStore store, Clock clock) {
    this.program = requireNonNull(program, "program");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.tiers = program.tiers() == null ? null : new TierCalculator(program.tiers(), program.zone());
  }

  public static Loyalty of(LoyaltyProgram program, LedgerStore store, Clock clock) {
    return new Loyalty(program, store, clock);
  }

  public LoyaltyProgram program() {
    return program;
  }

  // --- earning --------------------------------------------------------------------------------

  /** Records a purchase and awards the points its rules give; an order is recorded once. */
  public Receipt purchase(Purchase purchase, String key) {
    requireNonNull(purchase, "purchase");
    Money total = purchase.total();
    sameCurrency("purchase " + purchase.orderId(), total);
    String fp = purchaseRequest(purchase);
    // the campaign running today: its budget is locked with the member (campaigns never overlap)
    LoyaltyProgram.Campaign campaign = day(now()).campaign();
    return write(purchase.member(), null, campaign == null ? null : campaign.id(), key, fp, (ledger, now, view) -> {
      for (Entry e : ledger.view().entriesWithReference(purchase.orderId())) {
        if (e.kind() == EntryKind.PURCHASE) {
          throw new AlreadyRecordedException(
              "order '" + purchase.orderId() + "' of member " + purchase.member()
                  + " was already recorded under key '" + e.key() + "'");
        }
      }
      boolean first = ledger.state().purchases() == 0;
      BigDecimal tierMultiplier = tierMultiplier(ledger, now);
      ledger.append(EntryKind.PURCHASE, 0, null, now, null, null, "purchase", purchase.orderId(), total.amount(), key);
      LocalDate today = today(now);
      long spendEarned = 0;
      for (Rule rule : program.rules()) {
        // a rule that earns nothing on this purchase is skipped before its usage limit is read
        boolean applies = rule.type() == RuleType.SPEND || (rule.event() == MemberEvent.FIRST_PURCHASE && first);
        if (!applies || !rule.activeOn(today) || limitReached(ledger, rule, now)) {
          continue;
        }
        long points = 0;
        if (rule.type() == RuleType.SPEND) {
          points = spendPoints(rule, purchase, total, tierMultiplier);
          spendEarned = Math.addExact(spendEarned, points);
        } else if (rule.event() == MemberEvent.FIRST_PURCHASE && first) {
          points = rule.points().longValueExact();
        }
        if (points > 0) {
          earn(ledger, now, points, rule.id(), purchase.orderId(), key);
          if (rule.stop()) {
            break;
          }
        }
      }
      if (campaign != null && campaign.activeOn(today) && spendEarned > 0) {
        long extra = BigDecimal.valueOf(spendEarned).multiply(campaign.multiplier().subtract(BigDecimal.ONE))
            .setScale(0, RoundingMode.DOWN).longValueExact();
        long granted = Math.min(extra, Math.max(0, campaign.budget() - view.budgetUsed()));
        if (granted > 0) {
          earn(ledger, now, granted, campaign.id(), purchase.orderId(), key);
          ledger.drawBudget(granted);
        }
      }
      return List.of();
    });
  }

  /** A campaign's budget and what its purchases have drawn from it. */
  public CampaignBudget campaignBudget(String campaignId) {
    LoyaltyProgram.Campaign campaign = program.campaign(campaignId)
        .orElseThrow(() -> new IllegalArgumentException("campaignId: '" + campaignId + "' is not a campaign of this program"));
    return new CampaignBudget(campaign.id(), campaign.budget(), store.budgetUsed(campaign.id()));
  }

  /**
   * Reports an event that earns fixed points: {@link MemberEvent#REGISTRATION}, {@link
   * MemberEvent#BIRTHDAY} or {@link MemberEvent#SURVEY_ANSWERED}; {@code reference} names it
   * (e.g. the survey id).
   */
  public Receipt event(CustomerId member, MemberEvent event, String reference, String key) {
    requireNonNull(event, "event");
    if (!Set.of(MemberEvent.REGISTRATION, MemberEvent.BIRTHDAY, MemberEvent.SURVEY_ANSWERED).contains(event)) {
      throw new IllegalArgumentException(
          "event: " + event.jsonName() + " is not reported directly; it follows from a purchase or a referral");
    }
    return eventWrite(member, event, Checks.text("reference", reference), key);
  }

  /**
   * A referral: the referrer and the referred member each get their rule's points, in two writes
   * with keys {@code key + "/referrer"} and {@code key + "/referred"} (retry with the same key to
   * finish a half-done referral).
   */
  public List<Receipt> referral(CustomerId referrer, CustomerId referred, String key) {
    requireNonNull(referrer, "referrer");
    requireNonNull(referred, "referred");
    if (referrer.equals(referred)) {
      throw new IllegalArgumentException("referred: " + referred + " cannot refer themselves");
    }
    // the two writes' keys are key + "/referrer" and key + "/referred", in a 200-character column
    Checks.text("key", key, 200 - "/referrer".length());
    // two writes: refuse before the first one whatever would refuse the second
    String referredKey = key + "/referred";
    String referredRequest = store.fingerprint(eventRequest(referred, MemberEvent.REFERRAL_REFERRED, referrer.value()));
    store.recordedFingerprint(referredKey).ifPresent(fp -> {
      if (!fp.equals(referredRequest)) {
        throw new IdempotencyConflictException(referredKey);
      }
    });
    return List.of(
        eventWrite(referrer, MemberEvent.REFERRAL_REFERRER, referred.value(), key + "/referrer"),
        eventWrite(referred, MemberEvent.REFERRAL_REFERRED, referrer.value(), referredKey));
  }

  private Receipt eventWrite(CustomerId member, MemberEvent event, String reference, String key) {
    String fp = eventRequest(member, event, reference);
    return write(member, null, key, fp, (ledger, now) -> {
      LocalDate today = today(now);
      for (Rule rule : program.rules()) {
        if (rule.type() == RuleType.EVENT && rule.event() == event && rule.activeOn(today)
            && !limitReached(ledger, rule, now)) {
          earn(ledger, now, rule.points().longValueExact(), rule.id(), reference, key);
          if (rule.stop()) {
            break;
          }
        }
      }
    });
  }

  private static String eventRequest(CustomerId member, MemberEvent event, String reference) {
    return request("event", member, event.jsonName(), reference);
  }

  private void earn(MemberLedger ledger, Instant now, long points, String ruleId, String reference, String key) {
    Day day = day(now);
    Instant available = program.pendingDays() == 0 ? now : day.lotsAvailable();
    ledger.openLot(EntryKind.EARN, points, now, available, day.lotsExpire(), ruleId, reference, key);
  }

  private long spendPoints(Rule rule, Purchase purchase, Money total, BigDecimal tierMultiplier) {
    if (rule.minOrderValue() != null && total.amount().compareTo(rule.minOrderValue()) < 0) {
      return 0;
    }
    BigDecimal eligible = BigDecimal.ZERO;
    for (Purchase.Line line : purchase.lines()) {
      if (rule.excludedSkus().contains(line.sku())) {
        continue;
      }
      BigDecimal multiplier = rule.skuMultipliers().get(line.sku());
      if (multiplier == null) {
        multiplier = rule.categoryMultipliers().getOrDefault(line.category(), BigDecimal.ONE);
      }
      // a factor of one leaves the value as it is (only the scale could change, and the division
      // below gives scale 0 whatever the scales): skipped, as the most common case
      BigDecimal amount = isOne(multiplier) ? line.amount() : line.amount().multiply(multiplier);
      eligible = eligible.signum() == 0 ? amount : eligible.add(amount);
    }
    // one exact division rounded once to whole points by the rule's mode (no intermediate
    // 34-digit rounding, which was both slower and, for a quotient just under a whole number
    // with mode DOWN, could round up first)
    BigDecimal scaled = isOne(rule.points()) ? eligible : eligible.multiply(rule.points());
    if (!isOne(tierMultiplier)) {
      scaled = scaled.multiply(tierMultiplier);
    }
    BigDecimal points = scaled.divide(rule.perAmount(), 0, rule.rounding().mode);
    if (points.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new OperationRefusedException("order '" + purchase.orderId() + "' would earn " + Checks.cut(points.toPlainString())
          + " points under rule '" + rule.id() + "', more than a ledger can hold (" + Long.MAX_VALUE + ")");
    }
    return points.longValueExact();
  }

  private static boolean isOne(BigDecimal factor) {
    return factor == BigDecimal.ONE || factor.compareTo(BigDecimal.ONE) == 0;
  }

  private boolean limitReached(MemberLedger ledger, Rule rule, Instant now) {
    Limit limit = rule.limit();
    if (limit == null) {
      return false;
    }
    LocalDate today = today(now);
    LocalDate from =
        switch (limit.per()) {
          case DAY -> today;
          case MONTH -> today.withDayOfMonth(1);
          case YEAR -> today.withDayOfYear(1);
          case LIFETIME -> null;
        };
    // the rule's earns in the period: at most limit.count() of them, read through an index
    long used = ledger.view().earns(rule.id(), from == null ? null : from.atStartOfDay(program.zone()).toInstant()).size();
    for (Entry e : ledger.added()) {
      if (e.kind() == EntryKind.EARN && e.reason().equals(rule.id()) && (from == null || !today(e.at()).isBefore(from))) {
        used++;
      }
    }
    return used >= limit.count();
  }

  // --- returns --------------------------------------------------------------------------------

  /**
   * Takes back the points an order earned in proportion to the money refunded so far, as far as
   * the program's return policy allows (see docs/loyalty.md).
   */
  public Receipt returnPurchase(PurchaseReturn ret, String key) {
    requireNonNull(ret, "return");
    // the entries' reason is "return " + the id, in a 200-character column
    Checks.text("returnId", ret.returnId(), 200 - "return ".length());
    sameCurrency("return " + ret.returnId(), ret.refunded());
    String fp = request("return", ret.member(), ret.returnId(), ret.orderId(), ret.refunded());
    String reason = "return " + ret.returnId();
    return write(ret.member(), null, key, fp, (ledger, now) -> {
      List<Entry> orderEntries = ledger.view().entriesWithReference(ret.orderId());
      for (Entry e : orderEntries) {
        if (e.kind() == EntryKind.RETURN && e.reason().equals(reason)) {
          throw new AlreadyRecordedException("return '" + ret.returnId() + "' was already recorded under key '" + e.key() + "'");
        }
      }
      OrderReturns order = OrderReturns.of(orderEntries, ret.orderId(), Long.MAX_VALUE);
      BigDecimal purchased = order.purchased;
      BigDecimal refundedBefore = order.refunded;
      long earned = order.earned;
      // points of the order that expired unspent are gone already: a return does not charge them again
      long taken = order.taken + order.expired;
      if (purchased == null) {
        throw new UnknownReferenceException("order '" + ret.orderId() + "': no purchase of member " + ret.member() + " has this id");
      }
      BigDecimal refunded = refundedBefore.add(ret.refunded().amount());
      if (refunded.compareTo(purchased) > 0) {
        throw new OperationRefusedException(
            "refunded: " + ret.refunded() + " would bring the refunds of order '" + ret.orderId() + "' to "
                + refunded.toPlainString() + ", more than its " + purchased.toPlainString());
      }
      ledger.append(EntryKind.RETURN, 0, null, now, null, null, reason, ret.orderId(), ret.refunded().amount().negate(), key);
      long target = purchased.signum() == 0 ? 0
          : BigDecimal.valueOf(earned).multiply(refunded).divide(purchased, 0, RoundingMode.DOWN).longValueExact();
      long due = Math.max(0, target - taken);
      if (due == 0) {
        return;
      }
      ReturnPolicy policy = program.returnPolicy();
      long took;
      List<Long> orderLots = orderEntries.stream().filter(e -> e.kind() == EntryKind.EARN && e.opensLot()).map(Entry::seq).toList();
      if (policy == ReturnPolicy.PENDING_ONLY) {
        took = ledger.draw(ledger.unexpired(now, orderLots, l -> !l.availableAt(now)), due, EntryKind.REVERSE, now, reason, ret.orderId(), key);
      } else {
        took = ledger.draw(ledger.unexpired(now, orderLots, l -> true), due, EntryKind.REVERSE, now, reason, ret.orderId(), key);
        took += ledger.draw(ledger.unexpired(now, l -> true, due - took), due - took, EntryKind.REVERSE, now, reason, ret.orderId(), key);
        if (policy == ReturnPolicy.UNLIMITED && took < due) {
          ledger.append(EntryKind.REVERSE, -(due - took), null, now, null, null, reason, ret.orderId(), null, key);
        }
      }
    });
  }

  // --- spending -------------------------------------------------------------------------------

  /** Spends points (e.g. a checkout paid with points), soonest-expiring lots first. */
  public Receipt redeem(CustomerId member, long points, String reference, String key) {
    Checks.positive("points", points);
    Checks.text("reference", reference);
    String fp = request("redeem", member, points, reference);
    return write(member, null, key, fp,
        (ledger, now) -> ledger.spend(points, EntryKind.REDEEM, now, "redeem", reference, key));
  }

  /** Spends a reward's points; a reward with a minimum tier needs that tier or a higher one. */
  public Receipt redeemReward(CustomerId member, String rewardId, String reference, String key) {
    LoyaltyProgram.Reward reward = program.reward(rewardId)
        .orElseThrow(() -> new IllegalArgumentException("rewardId: '" + rewardId + "' is not a reward of this program"));
    Checks.text("reference", reference);
    String fp = request("reward", member, rewardId, reference);
    return write(member, null, key, fp, (ledger, now) -> {
      if (reward.minTier() != null) {
        int level = tiers.at(ledger.view().entries(), now).level();
        if (level < program.tiers().indexOf(reward.minTier())) {
          throw new OperationRefusedException("reward '" + rewardId + "' needs tier " + reward.minTier() + "; member "
              + member + " is " + program.tiers().levels().get(level).id());
        }
      }
      ledger.spend(reward.points(), EntryKind.REDEEM, now, "reward " + rewardId, reference, key);
    });
  }

  /**
   * A manual correction: positive points open a lot (spendable at once, expiring by policy);
   * negative points are drawn from spendable lots and may not exceed them.
   */
  public Receipt adjust(CustomerId member, long points, String reason, String key) {
    if (points == 0) {
      throw new IllegalArgumentException("points: 0 is not an adjustment");
    }
    Checks.text("reason", reason);
    String fp = request("adjust", member, points, reason);
    return write(member, null, key, fp, (ledger, now) -> {
      if (points > 0) {
        ledger.openLot(EntryKind.ADJUST, points, now, now, day(now).lotsExpire(), reason, null, key);
      } else {
        ledger.spend(-points, EntryKind.ADJUST, now, reason, null, key);
      }
    });
  }

  // --- transfers -----------------------------------------------------------------------------

  private static final String TO_SUFFIX = "/to";
  private static final String REVERSED = "transfer reversed";

  /**
   * Moves spendable points from one member to another (family pooling) as one operation on both
   * members: the sender's lots are drawn soonest-expiring first ({@link EntryKind#TRANSFER_OUT}
   * under {@code key}) and the receiver gets one new lot per lot drawn, spendable at once and
   * keeping that lot's expiry ({@link EntryKind#TRANSFER_IN} under {@code key + "/to"}; a
   * receiver's debt is paid from it first). Both are written or neither; a transfer beyond the
   * sender's spendable points is refused with {@link InsufficientPointsException}. Retrying with
   * the same key returns the first receipt.
   */
  public TransferReceipt transfer(CustomerId from, CustomerId to, long points, String key) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (from.equals(to)) {
      throw new IllegalArgumentException("to: " + to + " is the sender; a transfer needs two members");
    }
    Checks.positive("points", points);
    Checks.text("key", key, 200 - TO_SUFFIX.length());
    String toKey = key + TO_SUFFIX;
    String fp = request("transfer", from, to, points);
    // what the sender's write drew: each lot it drew on, at the points drawn from it
    List<Lot> drawn = new ArrayList<>();
    List<LedgerStore.Applied> applied = writeAll(List.of(
        new Part(from, key, fp, (ledger, now) -> {
          drawn.clear();
          int before = ledger.added().size();
          ledger.spend(points, EntryKind.TRANSFER_OUT, now, "transfer to " + to.value(), key, key);
          for (Entry e : ledger.added().subList(before, ledger.added().size())) {
            drawn.add(ledger.lot(e.lot()).withRemaining(-e.points()));
          }
        }),
        new Part(to, toKey, fp, (ledger, now) -> {
          for (Lot lot : drawn) {
            ledger.openLot(EntryKind.TRANSFER_IN, lot.remaining(), now, now, lot.expiresAt(),
                "transfer from " + from.value(), key, toKey);
          }
        })));
    return transferReceipt(key, applied);
  }

  /**
   * Reverses a transfer made under {@code transferKey}: the receiver gives back every point it
   * moved, from the lots it opened ({@link EntryKind#TRANSFER_OUT}), and the sender gets them back
   * on the lots they came from ({@link EntryKind#TRANSFER_IN}; their expiry is unchanged). All or
   * nothing: refused with {@link OperationRefusedException} when the receiver no longer holds
   * all of them (spent, expired or paid a debt), with {@link UnknownReferenceException} when no
   * such transfer went from {@code from} to {@code to}, with {@link AlreadyRecordedException}
   * when it was reversed already.
   */
  public TransferReceipt reverseTransfer(CustomerId from, CustomerId to, String transferKey, String key) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    Checks.text("transferKey", transferKey, 200 - TO_SUFFIX.length());
    Checks.text("key", key, 200 - TO_SUFFIX.length());
    String toKey = key + TO_SUFFIX;
    String fp = request("reverse-transfer", from, to, transferKey);
    String unknown = "transfer '" + transferKey + "' from " + from + " to " + to + " does not exist";
    List<LedgerStore.Applied> applied = writeAll(List.of(
        new Part(to, toKey, fp, (ledger, now) -> {
          List<Entry> lots = new ArrayList<>();
          for (Entry e : ledger.view().entriesWithReference(transferKey)) {
            if (e.kind() == EntryKind.TRANSFER_OUT && e.reason().equals(REVERSED)) {
              throw new AlreadyRecordedException("transfer '" + transferKey + "' was already reversed under key '"
                  + e.key().substring(0, e.key().length() - TO_SUFFIX.length()) + "'");
            }
            if (e.kind() == EntryKind.TRANSFER_IN && e.opensLot() && (transferKey + TO_SUFFIX).equals(e.key())
                && e.reason().equals("transfer from " + from.value())) {
              lots.add(e);
            }
          }
          if (lots.isEmpty()) {
            throw new UnknownReferenceException(unknown);
          }
          long moved = lots.stream().mapToLong(Entry::points).sum();
          long held = lots.stream().mapToLong(e -> ledger.lot(e.seq()).remaining()).sum();
          if (held < moved) {
            throw new OperationRefusedException("transfer '" + transferKey + "': member " + to + " holds " + held
                + " of the " + moved + " points it moved (the rest was spent, expired or paid a debt); a reversal"
                + " gives back all of them or nothing");
          }
          for (Entry e : lots) {
            ledger.append(EntryKind.TRANSFER_OUT, -e.points(), e.seq(), now, null, null, REVERSED,
                transferKey, null, toKey);
          }
        }),
        new Part(from, key, fp, (ledger, now) -> {
          List<Entry> out = ledger.view().entriesWithReference(transferKey).stream()
              .filter(e -> e.kind() == EntryKind.TRANSFER_OUT && transferKey.equals(e.key())
                  && e.reason().equals("transfer to " + to.value()))
              .toList();
          if (out.isEmpty()) {
            throw new UnknownReferenceException(unknown);
          }
          for (Entry e : out) {
            ledger.append(EntryKind.TRANSFER_IN, -e.points(), e.lot(), now, null, null, REVERSED,
                transferKey, null, key);
          }
        })));
    // the store returns the results in the order of the writes: receiver first here
    return transferReceipt(key, List.of(applied.get(1), applied.get(0)));
  }

  private static TransferReceipt transferReceipt(String key, List<LedgerStore.Applied> applied) {
    LedgerStore.Applied from = applied.get(0);
    LedgerStore.Applied to = applied.get(1);
    return new TransferReceipt(key,
        new Receipt(key, from.member(), from.entries(), from.replayed()),
        new Receipt(key + TO_SUFFIX, to.member(), to.entries(), to.replayed()));
  }

  // --- reservations and vouchers -----------------------------------------------------------------

  /**
   * Reserves points and/or a voucher code for a checkout; the key is the reservation's id. Then
   * {@link #confirm} it when the checkout succeeds, or {@link #rollback} it to give the voucher
   * use and the points back. A voucher's series must be valid today, and its per-code,
   * per-member and total limits count every reservation that was not rolled back.
   */
  public Receipt reserve(CustomerId member, long points, String voucherCode, String reference, String key) {
    if (points < 0) {
      throw new IllegalArgumentException("points: " + points + " must not be negative");
    }
    Checks.text("reference", reference);
    if (points == 0 && voucherCode == null) {
      throw new IllegalArgumentException("points and voucherCode: a reservation needs points or a voucher code");
    }
    VoucherSeries series = null;
    if (voucherCode != null) {
      String seriesId = store.codeSeries(voucherCode)
          .orElseThrow(() -> new UnknownReferenceException("voucher code '" + voucherCode + "' does not exist"));
      series = program.voucherSeries(seriesId)
          .orElseThrow(() -> new UnknownReferenceException("voucher code '" + voucherCode + "' belongs to series '"
              + seriesId + "', which this program does not define"));
    }
    VoucherSeries s = series;
    String fp = request("reserve", member, points, voucherCode, reference);
    return write(member, s == null ? null : s.id(), key, fp, (ledger, now, view) -> {
      long total = points;
      if (s != null) {
        LocalDate today = today(now);
        if ((s.validFrom() != null && today.isBefore(s.validFrom())) || (s.validUntil() != null && today.isAfter(s.validUntil()))) {
          throw new OperationRefusedException("voucher code '" + voucherCode + "' is not valid on " + today
              + " (series '" + s.id() + "' runs " + s.validFrom() + " to " + s.validUntil() + ")");
        }
        List<Hold> live = liveReservations(view.seriesHolds());
        long onCode = live.stream().filter(h -> voucherCode.equals(h.code())).count();
        long byMember = live.stream().filter(h -> h.member().equals(member)).count();
        if (onCode >= s.usesPerCode()) {
          throw new OperationRefusedException("voucher code '" + voucherCode + "' has been used " + onCode + " of " + s.usesPerCode() + " times");
        }
        if (s.perMemberLimit() != null && byMember >= s.perMemberLimit()) {
          throw new OperationRefusedException("member " + member + " has used series '" + s.id() + "' " + byMember
              + " of " + s.perMemberLimit() + " times");
        }
        if (s.totalLimit() != null && live.size() >= s.totalLimit()) {
          throw new OperationRefusedException("series '" + s.id() + "' has reached its total limit of " + s.totalLimit() + " uses");
        }
        total += s.points();
      }
      if (total > 0) {
        ledger.spend(total, EntryKind.HOLD, now, "hold", key, key);
      }
      return List.of(new Hold(key, member, s == null ? null : s.id(), voucherCode, Hold.State.RESERVED, now, total, reference, key));
    });
  }

  /** Confirms a reservation: its points stay spent and its voucher use counts for good. */
  public Receipt confirm(CustomerId member, String reservationId, String key) {
    return settle(member, reservationId, key, Hold.State.CONFIRMED);
  }

  /** Rolls a reservation back: its points return to their lots and its voucher use is freed. */
  public Receipt rollback(CustomerId member, String reservationId, String key) {
    return settle(member, reservationId, key, Hold.State.RELEASED);
  }

  private Receipt settle(CustomerId member, String reservationId, String key, Hold.State to) {
    Checks.text("reservationId", reservationId);
    Hold reserved = store.holds(member).stream()
        .filter(h -> h.holdId().equals(reservationId) && h.state() == Hold.State.RESERVED).findFirst()
        .orElseThrow(() -> new UnknownReferenceException("reservation '" + reservationId + "' of member " + member + " does not exist"));
    String fp = request(to.name(), member, reservationId);
    return write(member, reserved.series(), key, fp, (ledger, now, view) -> {
      for (Hold h : view.holdEvents(reservationId)) {
        if (h.state() != Hold.State.RESERVED) {
          throw new OperationRefusedException("reservation '" + reservationId + "' was already "
              + h.state().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      Instant expiresAt = holdExpiry(reserved);
      if (to == Hold.State.CONFIRMED && expiresAt != null && !now.isBefore(expiresAt)) {
        throw new LoyaltyException("reservation '" + reservationId + "' expired at " + expiresAt
            + " (the program's holds last " + program.holdMinutes() + " minutes); reserve again");
      }
      if (to == Hold.State.RELEASED) {
        long heldFrom = Long.MAX_VALUE;
        Set<Long> restoredLots = new java.util.HashSet<>();
        long restored = 0;
        for (Entry e : view.entriesWithReference(reservationId)) {
          if (e.kind() == EntryKind.HOLD) {
            ledger.append(EntryKind.RESTORE, -e.points(), e.lot(), now, null, null, "rollback", reservationId, null, key);
            heldFrom = Math.min(heldFrom, e.seq());
            restoredLots.add(e.lot());
            restored -= e.points();
          }
        }
        if (restored > 0) {
          clawBack(ledger, now, heldFrom, restoredLots, key);
        }
      }
      return List.of(new Hold(reservationId, member, reserved.series(), reserved.code(), to, now, reserved.points(), reserved.reference(), key));
    });
  }

  /**
   * Points a reservation held could not be taken by the returns made while it was held; when it
   * is rolled back they are taken from the restored points: under {@code within-balance} what
   * those returns could not take, under {@code unlimited} the debt they left (paid back, as from
   * a new lot). {@code pending-only} takes nothing (held points were not pending).
   */
  private void clawBack(MemberLedger ledger, Instant now, long heldFrom, Set<Long> restoredLots, String key) {
    ReturnPolicy policy = program.returnPolicy();
    if (policy == ReturnPolicy.PENDING_ONLY) {
      return;
    }
    // the entries since the hold (bounded by the hold's life, not the member's history)
    List<Entry> since = new ArrayList<>(ledger.view().entriesFrom(heldFrom + 1));
    java.util.LinkedHashSet<String> orders = new java.util.LinkedHashSet<>();
    for (List<Entry> list : List.of(since, ledger.added())) {
      for (Entry e : list) {
        if (e.kind() == EntryKind.RETURN && e.seq() > heldFrom) {
          orders.add(e.reference());
        }
      }
    }
    for (String orderId : orders) {
      List<Entry> all = new ArrayList<>(ledger.view().entriesWithReference(orderId));
      all.addAll(ledger.added());
      OrderReturns order = OrderReturns.of(all, orderId, heldFrom);
      long owed = Math.min(order.target() - order.taken - order.expired, order.target() - order.targetBefore());
      if (owed > 0) {
        List<Lot> lots = ledger.unexpired(now, restoredLots, l -> true);
        ledger.draw(lots, owed, EntryKind.REVERSE, now, "held points of a returned order", orderId, key);
      }
    }
    long debt = ledger.debt();
    for (Lot listed : ledger.unexpired(now, restoredLots, l -> true)) {
      Lot lot = ledger.lot(listed.seq());
      long repay = Math.min(debt, lot.remaining());
      if (repay > 0) {
        ledger.append(EntryKind.REPAY, -repay, lot.seq(), now, null, null, "debt repaid", null, null, key);
        ledger.append(EntryKind.REPAY, repay, null, now, null, null, "debt repaid", null, null, key);
        debt -= repay;
      }
    }
  }

  /** What an order earned, was refunded and had taken back, from a member's ledger. */
  private static final class OrderReturns {
    BigDecimal purchased;
    BigDecimal refunded = BigDecimal.ZERO;
    BigDecimal refundedBefore = BigDecimal.ZERO;
    long earned;
    long taken;
    long expired;

    /** {@code refundedBefore} counts the returns with seq below {@code before}. */
    static OrderReturns of(List<Entry> entries, String orderId, long before) {
      OrderReturns o = new OrderReturns();
      Set<Long> orderLots = new java.util.HashSet<>();
      for (Entry e : entries) {
        if (e.kind() == EntryKind.EXPIRE && orderLots.contains(e.lot())) {
          o.expired -= e.points();
        }
        if (!orderId.equals(e.reference())) {
          continue;
        }
        switch (e.kind()) {
          case PURCHASE -> o.purchased = e.spend();
          case RETURN -> {
            o.refunded = o.refunded.subtract(e.spend());
            if (e.seq() < before) {
              o.refundedBefore = o.refundedBefore.subtract(e.spend());
            }
          }
          case EARN -> {
            o.earned += e.points();
            orderLots.add(e.seq());
          }
          case REVERSE -> o.taken -= e.points();
          default -> { }
        }
      }
      return o;
    }

    long target() {
      return share(refunded);
    }

    long targetBefore() {
      return share(refundedBefore);
    }

    private long share(BigDecimal refundedSoFar) {
      return purchased == null || purchased.signum() == 0 ? 0
          : BigDecimal.valueOf(earned).multiply(refundedSoFar).divide(purchased, 0, RoundingMode.DOWN).longValueExact();
    }
  }

  private static List<Hold> liveReservations(List<Hold> holds) {
    Set<String> released = new java.util.HashSet<>();
    for (Hold h : holds) {
      if (h.state() == Hold.State.RELEASED) {
        released.add(h.holdId());
      }
    }
    return holds.stream().filter(h -> h.state() == Hold.State.RESERVED && !released.contains(h.holdId())).toList();
  }

  /** Makes {@code count} unguessable codes (16 characters, 80 random bits) in a series. */
  public List<String> issueCodes(String seriesId, int count) {
    requireSeries(seriesId);
    if (count < 1 || count > 100_000) {
      throw new IllegalArgumentException("count: " + count + " must be 1 to 100000");
    }
    List<String> codes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder(16);
      for (int j = 0; j < 16; j++) {
        sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
      }
      codes.add(sb.toString());
    }
    int added = store.addCodes(seriesId, codes, now());
    if (added != count) {
      // 80 random bits: a collision means a broken random source, not bad luck
      throw new IllegalStateException("voucher code collision in series " + seriesId);
    }
    return List.copyOf(codes);
  }

  /** Imports codes into a series (codes already in it are kept); returns how many were new. */
  public int importCodes(String seriesId, List<String> codes) {
    requireSeries(seriesId);
    for (int i = 0; i < codes.size(); i++) {
      Checks.text("codes[" + i + "]", codes.get(i));
    }
    return store.addCodes(seriesId, List.copyOf(codes), now());
  }

  private void requireSeries(String seriesId) {
    if (program.voucherSeries(seriesId).isEmpty()) {
      throw new IllegalArgumentException("seriesId: '" + seriesId + "' is not a voucher series of this program");
    }
  }

  // --- tiers ----------------------------------------------------------------------------------

  /** Pins a member to a tier by hand; {@code null} hands the member back to the automatic rules. */
  public Receipt assignTier(CustomerId member, @Nullable String tierId, String key) {
    if (program.tiers() == null) {
      throw new IllegalStateException("this program has no tiers");
    }
    if (tierId != null && program.tiers().indexOf(tierId) < 0) {
      throw new IllegalArgumentException("tierId: '" + tierId + "' is not a tier of this program");
    }
    String fp = request("tier", member, tierId);
    return write(member, null, key, fp,
        (ledger, now) -> ledger.append(EntryKind.TIER, 0, null, now, null, null, "manual tier", tierId, null, key));
  }

  /** The member's tier now, or empty if the program has no tiers. */
  public java.util.Optional<TierStatus> tier(CustomerId member) {
    if (tiers == null) {
      return java.util.Optional.empty();
    }
    Instant now = now();
    TierCalculator.Result r = tiers.at(store.entries(member), now);
    return java.util.Optional.of(
        new TierStatus(member, now, program.tiers().levels().get(r.level()).id(), r.manual(), r.qualifying()));
  }

  private BigDecimal tierMultiplier(MemberLedger ledger, Instant now) {
    if (tiers == null) {
      return BigDecimal.ONE;
    }
    return program.tiers().levels().get(tiers.at(ledger.view().entries(), now).level()).multiplier();
  }

  // --- expiry and reads ---------------------------------------------------------------------------

  /** When a reservation's time runs out under the program's {@code holdMinutes} (null: never). */
  private Instant holdExpiry(Hold reserved) {
    Integer minutes = program.holdMinutes();
    return minutes == null ? null : reserved.at().plus(java.time.Duration.ofMinutes(minutes));
  }

  /**
   * Releases every reservation whose time ran out (reserved {@code holdMinutes} or more ago, in
   * the program; none without it) and is still open, as a rollback would: its points go back to
   * their lots and its voucher use is freed. The release is keyed ({@code hold-expired/} and the
   * reservation id, hashed when long), so running it again, or on two hosts at once, releases
   * each hold once; a reservation confirmed or rolled back meanwhile is left as it is. Found
   * through the store's index of open holds. Returns the reservations released. {@link
   * #expireDue()} runs it first.
   */
  public int releaseExpiredHolds() {
    Integer minutes = program.holdMinutes();
    if (minutes == null) {
      return 0;
    }
    int released = 0;
    for (Hold h : store.openHoldsReservedBy(now().minus(java.time.Duration.ofMinutes(minutes)))) {
      try {
        if (!settle(h.member(), h.holdId(), releaseKey(h.holdId()), Hold.State.RELEASED).replayed()) {
          released++;
        }
      } catch (LoyaltyException settledMeanwhile) {
        // confirmed or rolled back after the index was read: nothing to release
      }
    }
    return released;
  }

  /** The key of a hold's release by expiry: within the 200 characters a key may have. */
  static String releaseKey(String holdId) {
    String key = "hold-expired/" + holdId;
    if (key.length() <= 200) {
      return key;
    }
    try {
      return "hold-expired#" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(holdId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Releases the reservations whose time ran out ({@link #releaseExpiredHolds()}), then writes
   * off every lot past its expiry, for every member; running it again writes nothing. Returns
   * the points expired.
   */
  public long expireDue() {
    releaseExpiredHolds();
    long expired = 0;
    // the store's expiry index: with nothing due, this reads nothing
    for (CustomerId member : store.membersWithLotsExpiringBy(now())) {
      expired += expireDue(member);
    }
    return expired;
  }

  /** Writes off the member's lots past their expiry; returns the points expired. */
  public long expireDue(CustomerId member) {
    Instant now = now();
    long[] expired = new long[1];
    store.apply(new LedgerStore.Write(member, null, null, "expiry", now, view -> {
      MemberLedger ledger = new MemberLedger(member, view);
      expired[0] = ledger.expireDue(now);
      return changes(ledger, List.of());
    }));
    return expired[0];
  }

  /** The member's balance now, from the member row and the open lots (never the whole ledger). */
  public Balance balance(CustomerId member) {
    LedgerStore.Current current = store.current(member);
    return MemberLedger.balance(current.state(), current.openLots(), now());
  }

  /**
   * The member's statement for a month in the program's zone: opening balance, every movement
   * (entries with points, in time order; an expiry is dated when its lot expired) and closing
   * balance; for the current month, the closing balance is the balance now. Reads the entries
   * from the month's start on (JDBC stores, through an index), not the member's whole history.
   */
  public Statement statement(CustomerId member, java.time.YearMonth month) {
    requireNonNull(member, "member");
    requireNonNull(month, "month");
    Instant from = month.atDay(1).atStartOfDay(program.zone()).toInstant();
    Instant until = month.plusMonths(1).atDay(1).atStartOfDay(program.zone()).toInstant();
    LedgerStore.Period period = store.period(member, from, until);
    List<Entry> movements = period.entries().stream().filter(e -> e.points() != 0).toList();
    long closing = period.opening();
    for (Entry e : movements) {
      closing = Math.addExact(closing, e.points());
    }
    return new Statement(member, month, from, until, period.opening(), movements, closing);
  }

  /**
   * Every member's balance, tier and ledger as of now, in {@link #members()} order, read from the
   * store in one pass ({@link LedgerStore#forEachMember}): what a replay's result streams.
   */
  void forEachMember(java.util.function.Consumer<LoyaltyReplay.MemberResult> action) {
    Instant now = now();
    store.forEachMember(m -> action.accept(new LoyaltyReplay.MemberResult(m.member(),
        MemberLedger.balance(m.current().state(), m.current().openLots(), now),
        tiers == null ? null : program.tiers().levels().get(tiers.at(m.entries(), now).level()).id(), m.entries())));
  }

  public List<Entry> ledger(CustomerId member) {
    return store.entries(member);
  }

  public List<CustomerId> members() {
    return store.members();
  }

  /**
   * What the program owes: the points members hold (active and pending; not net of debts), their
   * value at {@code pointValue} if the program sets one, the same points by the month (in the
   * program's zone) they expire in, and apart from them the members' debts. One aggregate over
   * the open lots, never the ledger.
   */
  public Liability liability() {
    Instant now = now();
    long points = 0;
    long never = 0;
    java.util.SortedMap<java.time.YearMonth, Long> byMonth = new java.util.TreeMap<>();
    for (java.util.Map.Entry<Instant, Long> e : store.openPointsByExpiry(now).entrySet()) {
      points = Math.addExact(points, e.getValue());
      if (e.getKey().equals(Lot.NEVER)) {
        never += e.getValue();
      } else {
        byMonth.merge(java.time.YearMonth.from(e.getKey().atZone(program.zone())), e.getValue(), Long::sum);
      }
    }
    Money value = program.pointValue() == null ? null
        : Money.of(program.pointValue().multiply(BigDecimal.valueOf(points)), program.currency());
    return new Liability(now, points, value, store.totalDebt(), byMonth, never);
  }

  /**
   * The liability valued at {@code pointValue} per point, by expiry month, with the breakage the
   * program's own history predicts (see {@link LiabilityReport}): the rate is the share of
   * settled points (spent or expired, over all members' lifetimes) that expired. Reads the open
   * points by expiry and the members' lifetime sums, never the ledgers. Without any spent or
   * expired point yet there is no history: the rate is 0 and everything counts as expected
   * redemption.
   */
  public LiabilityReport liabilityReport(Money pointValue) {
    requireNonNull(pointValue, "pointValue");
    if (!pointValue.isPositive()) {
      throw new IllegalArgumentException("pointValue: " + pointValue + " must be positive");
    }
    Liability owed = liability();
    LedgerStore.Totals totals = store.totals();
    long expired = totals.expired();
    long settled = Math.addExact(totals.spent(), expired);
    BigDecimal rate = settled == 0 ? BigDecimal.ZERO.setScale(6)
        : BigDecimal.valueOf(expired).divide(BigDecimal.valueOf(settled), 6, RoundingMode.HALF_EVEN);
    List<LiabilityReport.Row> rows = new ArrayList<>();
    owed.byExpiryMonth().forEach((month, points) -> rows.add(row(month, points, pointValue, expired, settled)));
    if (owed.neverExpiring() != 0) {
      rows.add(row(null, owed.neverExpiring(), pointValue, expired, settled));
    }
    Money zero = Money.zero(pointValue.currency());
    Money value = zero;
    Money breakage = zero;
    Money redemption = zero;
    for (LiabilityReport.Row r : rows) {
      value = value.plus(r.value());
      breakage = breakage.plus(r.expectedBreakage());
      redemption = redemption.plus(r.expectedRedemption());
    }
    return new LiabilityReport(owed.asOf(), pointValue, totals.spent(), expired, rate, rows, owed.points(), value,
        breakage, redemption, owed.debt());
  }

  private static LiabilityReport.Row row(java.time.YearMonth month, long points, Money pointValue, long expired, long settled) {
    Money value = pointValue.times(points);
    // value x expired / settled, rounded once (half-even) to the currency's minor unit
    int digits = Math.max(0, pointValue.currency().getDefaultFractionDigits());
    Money breakage = settled == 0 ? Money.zero(pointValue.currency())
        : Money.of(value.amount().multiply(BigDecimal.valueOf(expired))
            .divide(BigDecimal.valueOf(settled), digits, RoundingMode.HALF_EVEN), pointValue.currency());
    return new LiabilityReport.Row(month, points, value, breakage, value.minus(breakage));
  }

  // --- plumbing -------------------------------------------------------------------------------

  private interface Decision {
    void decide(MemberLedger ledger, Instant now);
  }

  private interface HoldDecision {
    List<Hold> decide(MemberLedger ledger, Instant now, LedgerStore.MemberView view);
  }

  private Receipt write(CustomerId member, String series, String key, String request, Decision decision) {
    return write(member, series, null, key, request, (ledger, now, view) -> {
      decision.decide(ledger, now);
      return List.of();
    });
  }

  private Receipt write(CustomerId member, String series, String key, String request, HoldDecision decision) {
    return write(member, series, null, key, request, decision);
  }

  private Receipt write(CustomerId member, String series, String budget, String key, String request, HoldDecision decision) {
    requireNonNull(member, "member");
    Checks.text("key", key);
    Instant now = now();
    Function<LedgerStore.MemberView, LedgerStore.Changes> decide = view -> {
      MemberLedger ledger = new MemberLedger(member, view);
      // due lots are written off first, so a spend never draws on an expired lot
      ledger.expireDue(now);
      List<Hold> holds = decision.decide(ledger, now, view);
      return changes(ledger, holds);
    };
    LedgerStore.Applied applied =
        store.apply(new LedgerStore.Write(member, series, key, store.fingerprint(request), now, decide, budget));
    return new Receipt(key, applied.member(), applied.entries(), applied.replayed());
  }

  /** One member's part of a multi-member write. */
  private record Part(CustomerId member, String key, String request, Decision decision) {}

  /** Writes the parts as one operation on all their members ({@link LedgerStore#applyAll}). */
  private List<LedgerStore.Applied> writeAll(List<Part> parts) {
    Instant now = now();
    List<LedgerStore.Write> writes = new ArrayList<>();
    for (Part part : parts) {
      Function<LedgerStore.MemberView, LedgerStore.Changes> decide = view -> {
        MemberLedger ledger = new MemberLedger(part.member(), view);
        // due lots are written off first, so a transfer never moves an expired lot
        ledger.expireDue(now);
        part.decision().decide(ledger, now);
        return changes(ledger, List.of());
      };
      writes.add(new LedgerStore.Write(part.member(), null, part.key(), store.fingerprint(part.request()), now, decide));
    }
    return store.applyAll(writes);
  }

  private static LedgerStore.Changes changes(MemberLedger ledger, List<Hold> holds) {
    List<Entry> added = ledger.added();
    return added.isEmpty()
        ? new LedgerStore.Changes(added, holds)
        : new LedgerStore.Changes(added, holds, ledger.state(), ledger.changedLots(), ledger.budgetDrawn());
  }

  private Instant now() {
    // databases keep microseconds; so does the ledger, so every store returns equal entries
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private LocalDate today(Instant t) {
    return day(t).date();
  }

  /**
   * A local day of the program's zone, from {@code from} (inclusive) to {@code until}
   * (exclusive), with what the writes of that day need: when lots earned that day become
   * spendable (with {@code pendingDays}) and expire (null: never), and the campaign running.
   */
  private record Day(LocalDate date, Instant from, Instant until, Instant lotsAvailable, @Nullable Instant lotsExpire,
      LoyaltyProgram.@Nullable Campaign campaign) {
    boolean contains(Instant t) {
      return !t.isBefore(from) && t.isBefore(until);
    }
  }

  /** The last day asked for: most writes fall on the same day, and the zone arithmetic showed in the write path's profile. */
  private volatile @Nullable Day lastDay;

  /** The program's day {@code t} falls in (see {@link Day}). */
  private Day day(Instant t) {
    Day d = lastDay;
    if (d != null && d.contains(t)) {
      return d;
    }
    java.time.ZoneId zone = program.zone();
    LocalDate date = t.atZone(zone).toLocalDate();
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant until = date.plusDays(1).atStartOfDay(zone).toInstant();
    // kept only over a stretch with one zone offset, in which the local date cannot go back
    java.time.zone.ZoneOffsetTransition next = zone.getRules().nextTransition(from);
    if (next != null && next.getInstant().isBefore(until)) {
      until = next.getInstant();
    }
    LocalDate expiredFrom = program.expiry().expiredFrom(date);
    d = new Day(date, from, until, date.plusDays(program.pendingDays()).atStartOfDay(zone).toInstant(),
        expiredFrom == null ? null : expiredFrom.atStartOfDay(zone).toInstant(), program.campaignOn(date).orElse(null));
    if (d.contains(t) && until.minusNanos(1).atZone(zone).toLocalDate().equals(date)) {
      lastDay = d;
    }
    return d;
  }

  private void sameCurrency(String what, Money money) {
    if (!money.currency().equals(program.currency())) {
      throw new IllegalArgumentException(
          what + ": " + money + " is not in the program's currency " + program.currency());
    }
  }

  /**
   * A request's fields in an unambiguous encoding: each field is its length, a colon and its
   * text ({@code ~} for null), so no two different field lists give the same string, whatever
   * characters the fields hold. Its SHA-256 is the fingerprint a key is recorded with.
   */
  static String request(Object... fields) {
    StringBuilder sb = new StringBuilder();
    for (Object field : fields) {
      if (field == null) {
        sb.append('~');
      } else {
        String text = field.toString();
        sb.append(text.length()).append(':').append(text);
      }
    }
    return sb.toString();
  }

  /**
   * {@link #request} of a purchase ("purchase", member, order, line count, then each line's SKU,
   * category, quantity and amount paid), written straight into one buffer: the same text as
   * {@code request(...)} of those fields (a test compares them), without boxing them into a list.
   */
  static String purchaseRequest(Purchase purchase) {
    List<Purchase.Line> lines = purchase.lines();
    StringBuilder sb = new StringBuilder(32 + purchase.member().value().length() + purchase.orderId().length() + 40 * lines.size());
    field(sb, "purchase");
    field(sb, purchase.member().value());
    field(sb, purchase.orderId());
    field(sb, lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Purchase.Line l = lines.get(i);
      field(sb, l.sku());
      field(sb, l.category());
      field(sb, l.quantity());
      // Money.toString(): the plain amount, a space, the currency code
      String amount = l.paid().amount().toPlainString();
      String currency = l.paid().currency().getCurrencyCode();
      sb.append(amount.length() + 1 + currency.length()).append(':').append(amount).append(' ').append(currency);
    }
    return sb.toString();
  }

  private static void field(StringBuilder sb, String text) {
    sb.append(text.length()).append(':').append(text);
  }

  /** An int as {@link #request} writes it (its decimal text's length, a colon, the text), with no string for it. */
  private static void field(StringBuilder sb, int n) {
    int length = n < 0 ? 2 : 1;
    for (long rest = Math.abs((long) n) / 10; rest > 0; rest /= 10) {
      length++;
    }
    sb.append(length).append(':').append(n);
  }

  /** One SHA-256 per thread: {@code MessageDigest.getInstance} on every write showed in the write path's profile. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private static final HexFormat HEX = HexFormat.of();

  /** The SHA-256 of a request, hex: what a store records with a key by default ({@link LedgerStore#fingerprint}). */
  static String sha256(String request) {
    // digest() resets the digest, so the thread's next request starts clean
    return HEX.formatHex(SHA_256.get().digest(request.getBytes(StandardCharsets.UTF_8)));
  }
}
