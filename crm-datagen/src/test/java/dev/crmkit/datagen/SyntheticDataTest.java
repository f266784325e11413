package dev.crmkit.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.core.base.Channel;
import dev.crmkit.datagen.SyntheticBase.Kind;
import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

  private static final LocalDate START = LocalDate.of(2024, 1, 1);
  private static final LocalDate END = LocalDate.of(2025, 12, 31);

  @Test
  void the_same_seed_gives_the_same_base_and_another_seed_another() {
    SyntheticBase a = SyntheticData.builder().seed(3).customers(500).build();
    SyntheticBase b = SyntheticData.builder().seed(3).customers(500).build();
    SyntheticBase c = SyntheticData.builder().seed(4).customers(500).build();
    assertThat(rows(a.transactions())).isEqualTo(rows(b.transactions()));
    assertThat(a.customers()).isEqualTo(b.customers());
    assertThat(a.interactions()).isEqualTo(b.interactions());
    assertThat(rows(a.transactions())).isNotEqualTo(rows(c.transactions()));
  }

  @Test
  void every_customer_first_buys_on_the_join_day_and_nothing_falls_outside_the_period() {
    SyntheticBase base = SyntheticData.builder().seed(11).customers(2_000).period(START, END).build();
    TransactionLog log = base.transactions();
    int[] first = new int[log.customerCount()];
    java.util.Arrays.fill(first, Integer.MAX_VALUE);
    for (int r = 0; r < log.size(); r++) {
      assertThat(log.day(r)).isBetween((int) START.toEpochDay(), (int) END.toEpochDay());
      assertThat(log.amount(r)).isGreaterThan(0);
      assertThat(log.discountShare(r)).isBetween(0.0, 0.3);
      first[log.customerIndex(r)] = Math.min(first[log.customerIndex(r)], log.day(r));
    }
    assertThat(log.customerCount()).isEqualTo(2_000);
    for (SyntheticBase.Customer c : base.customers().subList(0, 2_000)) {
      int idx = indexOf(log, c.id());
      assertThat(LocalDate.ofEpochDay(first[idx])).as(c.id()).isEqualTo(c.joined());
      assertThat(c.joined()).isBefore(START.plusYears(1).plusDays(1));
    }
  }

  @Test
  void customers_are_individuals_and_organizations_interactions_use_every_channel_and_duplicates_share_the_email() {
    SyntheticBase base = SyntheticData.builder().seed(5).customers(3_000).organizationShare(0.2).duplicateShare(0.01).build();
    long organizations = base.customers().stream().filter(c -> c.kind() == Kind.ORGANIZATION).count();
    assertThat(organizations).isBetween(450L, 800L);
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    base.interactions().forEach(i -> channels.add(i.channel()));
    assertThat(channels).containsExactlyInAnyOrder(Channel.values());
    assertThat(base.duplicates()).hasSize(30);
    for (SyntheticBase.Duplicate d : base.duplicates()) {
      SyntheticBase.Customer original = find(base, d.originalId());
      SyntheticBase.Customer copy = find(base, d.duplicateId());
      assertThat(copy.email()).isEqualToIgnoringCase(original.email()).isNotEqualTo(original.email());
    }
    // every organization is a key account with a buying power in each quarter after it joined
    Set<String> accounts = new HashSet<>(base.buyingPower().customerIds());
    base.customers().stream().filter(c -> c.kind() == Kind.ORGANIZATION && c.id().startsWith("C"))
        .forEach(c -> assertThat(base.buyingPower().estimate(c.id(), END)).as(c.id()).isPositive());
    assertThat(accounts).allMatch(id -> find(base, id).kind() == Kind.ORGANIZATION);
    assertThat(base.attributes().value(0, "population")).isIn("individual", "organization");
  }

  @Test
  void the_bg_nbd_and_gamma_gamma_fits_recover_the_chosen_parameters() {
    SyntheticBase base = SyntheticData.builder().seed(2).customers(8_000).period(START, END)
        .bgNbd(0.5, 6.0, 0.7, 3.0).gammaGammaSpend(6.0, 4.0, 15.0).build();
    CbsSummary cbs = CbsSummary.builder(END).timeUnit(TimeUnit.WEEKS).build(base.transactions());
    BgNbd fit = BgNbd.fit(cbs.rows()).model();
    assertThat(fit.r()).isCloseTo(0.5, within(0.1));
    assertThat(fit.alpha()).isCloseTo(6.0, within(1.5));
    assertThat(fit.a() / (fit.a() + fit.b())).isCloseTo(0.7 / 3.7, within(0.06));
    GammaGamma spend = GammaGamma.fit(cbs.spendRows()).model();
    // the population mean spend per purchase, p γ / (q - 1) = 30
    assertThat(spend.p() * spend.gamma() / (spend.q() - 1)).isCloseTo(30.0, within(3.0));
  }

  @Test
  void complaints_follow_purchases_and_complaining_customers_answer_lower() {
    SyntheticBase base = SyntheticData.builder().seed(8).customers(4_000).complaintShare(0.05).build();
    assertThat(base.complaints()).isNotEmpty();
    assertThat(base.complaints()).extracting(SyntheticBase.Complaint::cause)
        .containsAnyElementsOf(SyntheticData.COMPLAINT_CAUSES).allMatch(SyntheticData.COMPLAINT_CAUSES::contains);
    assertThat(base.complaints()).anyMatch(c -> c.escalations() > 0).anyMatch(c -> c.escalations() == 0);
    assertThat(base.surveys()).hasSizeGreaterThan(base.complaints().size());
    Set<String> complained = new HashSet<>();
    base.complaints().forEach(c -> complained.add(c.customerId()));
    double complainedMean = base.surveys().stream().filter(r -> complained.contains(r.customerId().value()))
        .mapToInt(r -> r.nps().orElseThrow()).average().orElseThrow();
    double othersMean = base.surveys().stream().filter(r -> !complained.contains(r.customerId().value()))
        .mapToInt(r -> r.nps().orElseThrow()).average().orElseThrow();
    assertThat(complainedMean).isLessThan(othersMean - 1);
    assertThat(base.surveys()).allMatch(r -> !r.answeredAt().isAfter(base.end().plusDays(1).atStartOfDay()
        .toInstant(java.time.ZoneOffset.UTC)));
  }

  @Test
  void pareto_nbd_customers_buy_too() {
    SyntheticBase base = SyntheticData.builder().seed(9).customers(500).paretoNbd(0.55, 10.6, 0.61, 11.7).build();
    assertThat(base.transactions().size()).isGreaterThan(600);
  }

  @Test
  void bad_settings_name_the_setting_and_the_value() {
    assertThatThrownBy(() -> SyntheticData.builder().customers(-1))
        .hasMessage("customers must be >= 0, got -1");
    assertThatThrownBy(() -> SyntheticData.builder().bgNbd(0.2, 4, -1, 2))
        .hasMessage("bgNbd: a must be a finite number > 0, got -1.0");
    assertThatThrownBy(() -> SyntheticData.builder().gammaGammaSpend(6, 0.5, 15))
        .hasMessage("gammaGammaSpend: q must be > 1 for a finite mean spend, got 0.5");
    assertThatThrownBy(() -> SyntheticData.builder().organizationShare(1.5))
        .hasMessage("organizationShare must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> SyntheticData.builder().period(END, START))
        .hasMessageContaining("must be at least 14 days after start");
  }

  private static String rows(TransactionLog log) {
    StringWriter w = new StringWriter();
    for (int r = 0; r < log.size(); r++) {
      w.append(log.customerId(log.customerIndex(r))).append(',').append(String.valueOf(log.day(r)))
          .append(',').append(String.valueOf(log.amount(r))).append('\n');
    }
    return w.toString();
  }

  private static int indexOf(TransactionLog log, String id) {
    for (int c = 0; c < log.customerCount(); c++) {
      if (log.customerId(c).equals(id)) {
        return c;
      }
    }
    throw new AssertionError(id + " has no transactions");
  }

  private static SyntheticBase.Customer find(SyntheticBase base, String id) {
    return base.customers().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}
