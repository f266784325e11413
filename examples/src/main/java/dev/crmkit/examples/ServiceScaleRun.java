package dev.crmkit.examples;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.privacy.Privacy;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.repository.InMemoryCustomerRepository;
import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An end-to-end run of the service side at scale, for the figures in {@code docs/service.md}:
 * {@code n} customers with one purchase each (a third of them long ago), one complaint each
 * under a business-hour SLA, two escalation runs at one instant and one a day later, a
 * complaint summary, one survey answer each and the satisfaction report, the lapsed-customer
 * listing, and the export then erasure of {@code n / 100} customers. Wall clock, one thread.
 *
 * <pre>{@code
 * java -cp examples/target/crm.jar dev.crmkit.examples.ServiceScaleRun 100000
 * }</pre>
 */
public final class ServiceScaleRun {

  /** What one run did, for checking that it did what it says. */
  public record Counts(long cases, long escalatedFirst, long escalatedSecond,
      long escalatedNextDay, long complaints, long answers, long lapsed, long erased) {}

  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z"); // Mon 09:00 CET

  private ServiceScaleRun() {}

  public static void main(String[] args) {
    int n = args.length == 0 ? 100_000 : Integer.parseInt(args[0]);
    run(n, System.out);
  }

  public static Counts run(int n, PrintStream out) {
    if (n < 100) {
      throw new IllegalArgumentException("n: '" + n + "' is not valid; expected 100 or more");
    }
    // the run moves this clock by hand; it stands still in between
    SettableClock clock = SettableClock.of(START, ZoneOffset.UTC);
    InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
    Crm crm = Crm.builder().clock(clock).customers(customers).ids(IdGenerator.sequential())
        .build();
    BusinessCalendar calendar = BusinessCalendar.of(ZoneId.of("Europe/Berlin"),
        LocalTime.of(9, 0), LocalTime.of(17, 0), BusinessCalendar.MONDAY_TO_FRIDAY,
        Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)));
    SlaPolicy sla = SlaPolicy.builder(calendar).all(SlaTarget.businessHours(8, 40))
        .target(CaseType.COMPLAINT, SlaTarget.businessHours(2, 16)).build();
    ServiceDesk desk = ServiceDesk.create(crm, clock, crm.events(), sla,
        EscalationPolicy.standard());
    Surveys surveys = Surveys.create(crm, desk, clock, crm.events());
    LostCustomers lost = LostCustomers.create(crm, clock, crm.events(),
        LapseRule.after(Duration.ofDays(365)), Set.of("price", "service"));
    Privacy privacy = Privacy.builder(crm, customers).clock(clock)
        .secret("scale-run key, not a real secret".getBytes(StandardCharsets.UTF_8))
        .serviceDesk(desk).surveys(surveys).lostCustomers(lost).build();

    for (int i = 0; i < n; i++) {
      crm.register(Registration.individual("Person " + i).email("p" + i + "@example.com")
          .phone("+4930" + (1_000_000 + i)));
    }
    List<CustomerId> ids = crm.customers().map(Customer::id).toList();
    for (int i = 0; i < ids.size(); i++) {
      clock.set(START.minus(Duration.ofDays(i % 3 == 0 ? 500 : 30)));
      crm.recordPurchase(OrderRequest.of(ids.get(i), Channel.WEB, "EUR")
          .line("SKU-" + (i % 50), "phones", 1, Money.of("10", "EUR"), Money.of("9", "EUR")));
    }
    clock.set(START);
    long t0 = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      desk.open(CaseRequest.of(ids.get(i), CaseType.COMPLAINT, Priority.values()[i % 4],
              Channel.HOTLINE)
          .owner("agent-" + (i % 20)).subject("complaint " + i).product("SKU-" + (i % 50))
          .category(i % 2 == 0 ? "delivery" : "quality"));
    }
    long t1 = System.nanoTime();
    clock.set(START.plus(Duration.ofHours(3))); // past the 2-hour first-response target
    long first = desk.escalate().size();
    long t2 = System.nanoTime();
    long second = desk.escalate().size();
    long t3 = System.nanoTime();
    clock.set(START.plus(Duration.ofDays(1)));
    long nextDay = desk.escalate().size();
    long complaints = desk.complaintSummary(START, clock.instant()).complaints();
    long t4 = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      surveys.record(SurveyRequest.of(ids.get(i)).csat(1 + i % 5).nps(i % 11));
    }
    long t5 = System.nanoTime();
    long answers = surveys.report(START, clock.instant().plusSeconds(1)).responses();
    long t6 = System.nanoTime();
    long lapsed = lost.lapsed(clock.instant()).size();
    long t7 = System.nanoTime();
    int sample = n / 100;
    long exportedChars = 0;
    for (int i = 0; i < sample; i++) {
      exportedChars += privacy.export(ids.get(i)).length();
      privacy.erase(ids.get(i));
    }
    long t8 = System.nanoTime();
    out.printf(Locale.ROOT, "customers %d: open %d cases %d ms; escalate (%d escalated) %d ms;"
            + " again at the same instant (%d) %d ms; a day later (%d) + complaint summary %d ms;"
            + " %d survey answers %d ms; satisfaction report %d ms; lapsed listing (%d) %d ms;"
            + " export + erase of %d customers (%d chars) %d ms%n",
        n, n, ms(t0, t1), first, ms(t1, t2), second, ms(t2, t3), nextDay, ms(t3, t4), n,
        ms(t4, t5), ms(t5, t6), lapsed, ms(t6, t7), sample, exportedChars, ms(t7, t8));
    return new Counts(n, first, second, nextDay, complaints, answers, lapsed, sample);
  }

  private static long ms(long from, long until) {
    return (until - from) / 1_000_000;
  }
}
