package dev.crmkit.cli;

import dev.crmkit.cli.report.LoyaltyRun;
import dev.crmkit.cli.report.MarketingRun;
import dev.crmkit.cli.report.SalesRun;
import dev.crmkit.cli.report.TourReport;
import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.ConsentRule;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.customer.Sector;
import dev.crmkit.core.identity.FieldConflict;
import dev.crmkit.core.identity.Match;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.CampaignReturn;
import dev.crmkit.core.marketing.Dimension;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.Target;
import dev.crmkit.core.marketing.TargetGroup;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.privacy.AccessLevel;
import dev.crmkit.core.privacy.AccessPolicy;
import dev.crmkit.core.privacy.CustomerView;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.sales.Activity;
import dev.crmkit.core.sales.ActivityRequest;
import dev.crmkit.core.sales.ActivityType;
import dev.crmkit.core.sales.Conversion;
import dev.crmkit.core.sales.Deal;
import dev.crmkit.core.sales.FunnelQuery;
import dev.crmkit.core.sales.FunnelReport;
import dev.crmkit.core.sales.LargeDealRule;
import dev.crmkit.core.sales.Lead;
import dev.crmkit.core.sales.LeadRequest;
import dev.crmkit.core.sales.Opportunity;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.sales.SalesEvent;
import dev.crmkit.core.sales.StageFigures;
import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.ComplaintSummary;
import dev.crmkit.core.service.Escalation;
import dev.crmkit.core.service.EscalationLevel;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.store.CrmStore;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.datagen.SyntheticBase;
import dev.crmkit.datagen.SyntheticData;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code crm demo}: a short tour of the customer core, sales funnel and campaign return on
 * made-up data, with a fixed clock and sequential ids so that every run prints the same; then a
 * generated customer base of 20,000 customers (the testkit's {@link SyntheticData}) scored by
 * every built-in strategy, the CLV models and a loyalty program, written as an HTML report.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the customer core on made-up data: registers people and an organization with"
          + " contacts, finds and merges a duplicate, logs interactions, purchases and a return,"
          + " prints one customer's timeline, converts leads into customers and opportunities,"
          + " runs them through the pipeline and prints the sales funnel, runs two campaigns"
          + " and prints their return under two attribution rules, then follows a complaint"
          + " that misses its SLA, escalates and is resolved.",
      "The clock is fixed (it starts at 2026-01-05T09:00:00Z), so every run prints the same.",
      "Then it generates a customer base (seeded: the same seed gives the same base), runs every"
          + " built-in strategy, BG/NBD and Gamma-Gamma with a calibration/holdout split and a"
          + " loyalty program over it, and writes one self-contained HTML report to --out."
    })
public final class DemoCommand implements Runnable {

  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  static final LocalDate BASE_START = LocalDate.of(2024, 1, 1);
  static final LocalDate BASE_END = LocalDate.of(2025, 12, 31);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(names = "--core-only", description = "Only the customer-core walk-through; no generated base, no report.")
  boolean coreOnly;

  @Option(names = "--out", defaultValue = "crm-demo-report", paramLabel = "DIR",
      description = "Directory for the report's index.html (default: ${DEFAULT-VALUE}).")
  Path reportDir;

  @Option(names = "--customers", defaultValue = "20000", paramLabel = "N",
      description = "Customers to generate (default: ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Mixin StoreOption store;

  @Option(names = "--input", paramLabel = "TX.csv",
      description = "Real transactions (customer_id,date,amount[,category,discount_share]) instead of a generated base.")
  Path input;

  @CommandLine.Mixin CsvInputOptions csv;

  @Override
  public void run() {
    CommandLine cl = spec.commandLine();
    if (customers < 10) {
      throw new ParameterException(cl, "--customers must be at least 10, got " + customers);
    }
    PrintWriter out = cl.getOut();
    if (store.given()) {
      tourOnStore(cl, out);
    } else {
      new Tour(out, null).run();
    }
    out.flush();
    if (coreOnly) {
      return;
    }
    out.println();
    out.println("== The report");
    long started = System.nanoTime();
    TourReport.Builder builder;
    if (input != null) {
      TransactionLog log = csv.read(spec, "--input", input).log();
      builder = TourReport.builder(log).title("crm demo: " + input.getFileName())
          .fact("Transactions read from " + input + ".");
    } else {
      SyntheticBase base = SyntheticData.builder().seed(seed).customers(customers)
          .period(BASE_START, BASE_END).organizationShare(0.1).build();
      long organizations = base.customers().stream()
          .filter(c -> c.kind() == SyntheticBase.Kind.ORGANIZATION && !c.id().startsWith("D")).count();
      // as of the end of the generated period (not the last purchase day), so that the header's
      // complaints and survey answers are the ones the charts count
      builder = TourReport.builder(base.transactions()).title("crm demo: a generated customer base")
          .asOf(base.end()).currency("EUR").buyingPower(base.buyingPower()).service(base.complaints(), base.surveys())
          .salesFunnel(SalesRun.run(seed, Math.max(10, customers / 50)))
          .campaigns(MarketingRun.run(base, 20))
          .fact(String.format(Locale.ROOT, "Generated with seed %d: %,d customers (%,d organizations, the key accounts"
              + " with quarterly buying power), BG/NBD purchases (r 0.243, alpha 4.414, a 0.793, b 2.426 per week)"
              + " with Gamma-Gamma spend (p 6.25, q 3.74, gamma 15.44) from %s to %s, %,d interactions on %d"
              + " channels, %,d complaints, %,d survey answers, %,d duplicate registrations.", seed, customers,
              organizations, BASE_START, BASE_END, base.interactions().size(), Channel.values().length,
              base.complaints().size(), base.surveys().size(), base.duplicates().size()));
    }
    builder.loyalty(LoyaltyRun.demoProgram());
    TourReport report = ReportRun.withProgress(builder, cl).build();
    ReportRun.writeAndTell(report, reportDir, out);
    out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    out.flush();
  }

  /**
   * The walk-through with its customer core in the database of {@code --store}: the first run
   * writes it there; a later run finds it (the organization's customer code is taken) and shows
   * what the store kept instead of registering everything again.
   */
  private void tourOnStore(CommandLine cl, PrintWriter out) {
    try (StoreOption.Opened db = store.open(cl)) {
      CrmStore s = db.store();
      long customersBefore = s.customers().all().count();
      long ordersBefore = s.orders().all().count();
      out.printf("crm demo: the store %s holds %d customers and %d orders before the walk-through%n",
          store.url, customersBefore, ordersBefore);
      Optional<Customer> earlier = s.customers().findByCode("K-1001");
      if (earlier.isPresent()) {
        out.println("The walk-through's customers are there from an earlier run; not registering"
            + " them again. Their records:");
        s.customers().all().limit(20).forEach(c -> out.printf(Locale.ROOT, "  %s %-12s %s (code %s)%n",
            c.id(), c instanceof Organization ? "organization" : "person", c.name(), c.code()));
      } else {
        new Tour(out, s).run();
      }
      out.printf("crm demo: the store holds %d customers and %d orders after the walk-through%n",
          s.customers().all().count(), s.orders().all().count());
    }
  }

  private static final class Tour {
    private final PrintWriter out;
    // moved forward between steps, so the timeline has a story
    private final SettableClock clock = SettableClock.of(START, ZoneOffset.UTC);
    private final Crm crm;
    private final AtomicInteger events = new AtomicInteger();

    /** @param store where the core keeps its records, or null for memory */
    Tour(PrintWriter out, CrmStore store) {
      this.out = out;
      Crm.Builder b = Crm.builder().clock(clock).ids(IdGenerator.sequential());
      this.crm = store == null ? b.build() : b.store(store).build();
    }

    void run() {
      crm.events().subscribe(e -> events.incrementAndGet());
      out.println("crm demo: the customer core on made-up data");
      out.println("(fixed clock from " + START + ", sequential ids)");

      heading("1. Register customers");
      Individual anna = crm.register(Registration.individual("Anna Schmidt")
          .nationalId("123-45-6789").phone("+49 30 1234567").email("Anna.Schmidt@Example.com")
          .birthDate(java.time.LocalDate.of(1985, 3, 14)).occupation("engineer")
          .region("Berlin"));
      printCustomer(anna);
      clock.advance(Duration.ofHours(2));
      Individual ben = crm.register(Registration.individual("Ben Okafor")
          .phone("+44 20 7946 0000").email("ben@example.org").region("London"));
      printCustomer(ben);
      clock.advance(Duration.ofHours(2));
      Organization acme = crm.register(Registration.organization("Acme GmbH").code("K-1001")
          .nationalId("DE 123 456 789").industry("automotive").sector(Sector.ENTERPRISE)
          .employeeCount(1200).annualBuyingPower(Money.of("2500000", "EUR"))
          .ownership(AccountOwnership.of("agent-7", "support-2"))
          .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER).withTitle("CIO")
              .withEmail(EmailAddress.of("grace@acme.example")))
          .contact(Contact.of("c-2", "Alan Turing", BuyingRole.TECHNICAL_EVALUATOR)
              .withPhone(PhoneNumber.of("+49 89 5550100")))
          .contact(Contact.of("c-3", "Joan Clarke", BuyingRole.BUYER)));
      printCustomer(acme);
      clock.advance(Duration.ofDays(3));
      // the same Anna, typed in at a dealer: other spelling, national phone format, a card
      Individual annaAtDealer = crm.register(Registration.individual("SCHMIDT, Anna")
          .phone("030 123 4567", "49").externalId("LOYALTY_CARD", "9000-1234")
          .incomeBand(dev.crmkit.core.customer.IncomeBand.UPPER_MIDDLE).region("Brandenburg"));
      printCustomer(annaAtDealer);
      crm.recordConsent(anna.id(), Channel.EMAIL, true);
      clock.advance(Duration.ofDays(1));
      crm.recordConsent(annaAtDealer.id(), Channel.EMAIL, false);
      out.println("  consent: " + anna.id() + " opted in to e-mail; a day later "
          + annaAtDealer.id() + " withdrew it");

      heading("2. Log interactions, purchases and a return");
      clock.advance(Duration.ofDays(2));
      Order car = crm.recordPurchase(OrderRequest.of(annaAtDealer.id(), Channel.STORE, "EUR")
          .line("A-CLASS-180", "cars", 1, Money.of("35000", "EUR"), Money.of("33500", "EUR"))
          .line("WINTER-TYRES", "accessories", 4, Money.of("180", "EUR"), Money.of("150", "EUR"))
          .campaign("spring-launch"));
      printOrder(car);
      clock.advance(Duration.ofDays(5));
      printInteraction(crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
              InteractionType.COMPLAINT, Direction.INBOUND)
          .agent("agent-3").notes("two winter tyres delivered with scratched rims")
          .outcome("return agreed")));
      clock.advance(Duration.ofDays(1));
      Return tyres = crm.recordReturn(ReturnRequest.of(car.id()).line(2, 2)
          .reason("scratched rims"));
      out.println("  " + tyres.id() + " return of " + tyres.orderId() + ": 2 x WINTER-TYRES,"
          + " refund " + tyres.refund());
      try {
        crm.recordReturn(ReturnRequest.of(car.id()).line(2, 3));
      } catch (IllegalArgumentException e) {
        out.println("  rejected: " + e.getMessage());
      }
      clock.advance(Duration.ofDays(10));
      printInteraction(crm.logInteraction(InteractionRequest.of(anna.id(), Channel.PHONE,
              InteractionType.FOLLOW_UP_VISIT, Direction.OUTBOUND)
          .agent("agent-3").notes("call-back: how is the car?").outcome("satisfied")));
      printInteraction(crm.logInteraction(InteractionRequest.of(acme.id(), Channel.FIELD_VISIT,
              InteractionType.SALES_ACTIVITY, Direction.OUTBOUND)
          .contact("c-1").agent("agent-7").notes("fleet renewal, 40 vehicles")
          .outcome("proposal requested")));
      clock.advance(Duration.ofDays(2));
      Order fleet = crm.recordPurchase(OrderRequest.of(acme.id(), Channel.FIELD_VISIT, "EUR")
          .line("VITO-TOURER", "vans", 40, Money.of("48000", "EUR"), Money.of("43200", "EUR")));
      printOrder(fleet);
      clock.advance(Duration.ofDays(1));
      Order online = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
          .line("FLOOR-MATS", "accessories", 1, Money.of("89", "EUR"), Money.of("89", "EUR")));
      printOrder(online);

      heading("3. Find and merge duplicates");
      List<Match> duplicates = crm.findDuplicates();
      for (Match m : duplicates) {
        out.println("  " + m.first() + " and " + m.second() + " match on " + m.rules());
      }
      for (Match m : duplicates) {
        printReport(crm.merge(m.first(), m.second()));
      }
      Customer survivor = crm.get(annaAtDealer.id());
      out.println("  " + annaAtDealer.id() + " now resolves to " + survivor.id()
          + "; the loyalty card finds it too: "
          + crm.findByKey(IdentityKey.externalId("LOYALTY_CARD", "90001234")).stream()
              .map(c -> c.id().value()).toList());
      out.println("  merging again changes nothing: alreadyMerged="
          + crm.merge(anna.id(), annaAtDealer.id()).alreadyMerged());
      printCustomer(survivor);

      heading("4. Timeline of " + survivor.name() + " (" + survivor.id() + ", with "
          + survivor.mergedIds().stream().map(Object::toString).collect(Collectors.joining(", "))
          + ")");
      Timeline timeline = crm.timeline(survivor.id());
      for (TimelineEntry e : timeline.entries()) {
        out.printf(Locale.ROOT, "  %s  %-11s %-11s %-9s %s%n", TIME.format(e.at()), e.kind(),
            e.channel(), e.id(), e.summary());
      }
      out.println();
      out.println("  by category (net of returns):");
      PurchaseHistory history = crm.purchaseHistory(survivor.id());
      for (PurchaseHistory.Breakdown b : history.byCategory()) {
        out.printf(Locale.ROOT, "    %-12s bought %d, returned %d, net paid %s%n", b.key(),
            b.quantityBought(), b.quantityReturned(), b.netPaid());
      }
      salesFunnel(survivor);
      campaignReturns(survivor);
      complaintTour(survivor);

      out.println();
      out.println("Done: " + crm.customers().count() + " live customers, " + events.get()
          + " domain events delivered.");
    }

    private void salesFunnel(Customer anna) {
      heading("5. Leads, opportunities and the sales funnel");
      Sales sales = Sales.builder(crm).clock(clock).sequentialIds()
          .alert(LargeDealRule.above(Money.of("500000", "EUR"), LargeDealRule.Trigger.AMOUNT,
              LargeDealRule.Trigger.STAGE_CHANGE))
          .build();
      crm.events().subscribe("demo-alerts", SalesEvent.LargeDealAlert.class, a -> out.println(
          "  ALERT large deal " + a.opportunity().id() + " (" + a.opportunity().amount()
              + ", above " + a.threshold() + ") on " + a.trigger() + ", now "
              + a.opportunity().stage()));
      Instant from = clock.instant();
      Customer ben = crm.findByKey(IdentityKey.email("ben@example.org")).get(0);
      Lead benLead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB)
          .email("ben@example.org").campaign("spring-launch").notes("test drive request"));
      Lead graceLead = sales.capture(LeadRequest.of("Grace Hopper", Channel.EVENT)
          .company("Acme", BuyingRole.DECISION_MAKER).companyNationalId("DE123456789")
          .email("grace@acme.example"));
      Lead danaLead = sales.capture(LeadRequest.of("Dana Novak", Channel.PHONE)
          .company("Novak Logistik", BuyingRole.BUYER).email("dana@novak.example"));
      Lead student = sales.capture(LeadRequest.of("Emil Sato", Channel.SOCIAL));
      sales.disqualify(student.id(), "student, no budget");
      LocalDate close = LocalDate.of(2026, 6, 30);
      List<Conversion> conversions = new ArrayList<>();
      for (Lead lead : List.of(benLead, graceLead, danaLead)) {
        sales.qualify(lead.id());
      }
      clock.advance(Duration.ofDays(1));
      conversions.add(sales.convert(benLead.id(), Deal.of("Family car", "agent-3",
          Money.of("31000", "EUR"), close)));
      conversions.add(sales.convert(graceLead.id(), Deal.of("Fleet renewal II", "agent-7",
          Money.of("1728000", "EUR"), close)));
      conversions.add(sales.convert(danaLead.id(), Deal.of("Delivery vans", "agent-7",
          Money.of("96000", "EUR"), close)));
      out.println("  " + student.id() + " " + student.name() + ": disqualified (student, no"
          + " budget)");
      for (Conversion c : conversions) {
        out.println("  " + c.lead().id() + " " + c.lead().name() + " -> "
            + (c.matchedExisting() ? "matched existing " : "new ") + c.customer().id() + " "
            + c.customer().name() + c.contactId().map(x -> " (contact " + x + ")").orElse("")
            + ", opportunity " + c.opportunity().get().id() + " "
            + c.opportunity().get().amount());
      }
      String car = conversions.get(0).opportunity().get().id();
      String fleet = conversions.get(1).opportunity().get().id();
      String vans = conversions.get(2).opportunity().get().id();
      Opportunity small = sales.open(anna.id(), Deal.of("Service plan", "agent-3",
          Money.of("1200", "EUR"), close));
      try {
        sales.moveTo(car, "negotiation");
      } catch (IllegalArgumentException e) {
        out.println("  rejected: " + e.getMessage());
      }
      clock.advance(Duration.ofDays(3));
      sales.moveTo(fleet, "needs-analysis");
      sales.moveTo(car, "proposal");
      clock.advance(Duration.ofDays(4));
      sales.moveTo(fleet, "proposal");
      sales.moveTo(vans, "proposal");
      clock.advance(Duration.ofDays(5));
      sales.lose(car, "price");
      sales.moveTo(fleet, "negotiation");
      sales.schedule(ActivityRequest.of(ActivityType.CALL, "Call about the van quote",
              conversions.get(2).customer().id(), "agent-7").opportunity(vans)
          .due(clock.instant().plus(Duration.ofDays(2)))
          .remindAt(clock.instant().plus(Duration.ofDays(1))));
      clock.advance(Duration.ofDays(1));
      for (Activity a : sales.remindersDue()) {
        out.println("  reminder " + a.id() + " " + a.type() + " \"" + a.subject() + "\" due "
            + TIME.format(a.dueAt().get()) + " (owner " + a.owner() + ")");
      }
      clock.advance(Duration.ofDays(6));
      Order fleetOrder = crm.recordPurchase(OrderRequest.of(conversions.get(1).customer().id(),
              Channel.FIELD_VISIT, "EUR")
          .line("VITO-TOURER", "vans", 36, Money.of("48000", "EUR"), Money.of("48000", "EUR")));
      Opportunity won = sales.win(fleet, fleetOrder.id());
      out.println("  " + won.id() + " won, produced " + won.orderIds());

      FunnelReport f = sales.funnel(new FunnelQuery(from, from.plus(Duration.ofDays(90)),
          java.util.Optional.empty(), java.util.Currency.getInstance("EUR")));
      out.println();
      out.println("  funnel of opportunities opened " + TIME.format(from) + " + 90 days, EUR ("
          + f.opportunities() + " opportunities):");
      out.printf(Locale.ROOT, "    %-15s %7s %14s %7s %14s %-15s %s%n", "stage", "reached",
          "amount", "now", "amount now", "to next", "mean time in stage");
      for (StageFigures s : f.stages()) {
        out.printf(Locale.ROOT, "    %-15s %7d %14s %7d %14s %-15s %s%n", s.stage(), s.reached(),
            s.reachedAmount().amount().toPlainString(), s.current(),
            s.currentAmount().amount().toPlainString(),
            s.conversionToNext().map(Object::toString).orElse("-"),
            s.meanTimeInStage().map(d -> d.toHours() + " h").orElse("-"));
      }
      out.println("    win rate " + f.winRate().map(Object::toString).orElse("-")
          + ", weighted pipeline " + f.weightedPipeline() + " (open " + f.openAmount()
          + "), mean sales cycle " + f.meanSalesCycle().map(d -> d.toDays() + " days")
              .orElse("-"));
      out.println("    (" + small.id() + " in qualification counts with probability "
          + small.probability() + ")");
    }

    private void campaignReturns(Customer anna) {
      heading("6. Campaigns and their return");
      UnitCosts costs = UnitCosts.of(java.util.Map.of(
          "A-CLASS-180", Money.of("27000", "EUR"), "WINTER-TYRES", Money.of("90", "EUR"),
          "VITO-TOURER", Money.of("36000", "EUR"), "FLOOR-MATS", Money.of("30", "EUR"),
          "ROOF-BOX", Money.of("210", "EUR")));
      List<Marketing> rules = new ArrayList<>();
      for (AttributionRule rule : List.of(AttributionRule.campaignCode(),
          AttributionRule.lastTouch(30))) {
        // the demo's customers recorded no consents: contact them until they withdraw
        Marketing m = Marketing.builder(crm).clock(clock).attribution(rule).unitCosts(costs)
            .consentRule(ConsentRule.optOut()).build();
        if (rules.isEmpty()) {
          // campaigns are kept in the facade's store: launched once, seen under both rules
          m.launch(Campaign.of("spring-launch", "Spring launch", Channel.EMAIL,
              TargetSegment.profile().region("Berlin"), Money.of("8000", "EUR")));
          m.launch(Campaign.of("spring-mail", "Spring mailing to London", Channel.LETTER,
              TargetSegment.profile().region("London"), Money.of("1000", "EUR"))
              .withParent("spring-launch"));
          m.recordCost("spring-launch", Money.of("4000", "EUR"));
          m.recordCost("spring-mail", Money.of("350", "EUR"));
        }
        rules.add(m);
      }
      Marketing m = rules.get(0);
      Customer ben = crm.findByKey(IdentityKey.email("ben@example.org")).get(0);
      for (String campaign : List.of("spring-launch", "spring-mail")) {
        for (Target check : m.targetCheck(campaign)) {
          Customer target = check.customer();
          if (check.contactable()) {
            m.contact(campaign, target.id());
            out.println("  " + campaign + " contacts " + target.id() + " " + target.name()
                + " by " + m.campaign(campaign).get().channel());
          } else {
            out.println("  " + campaign + " does not contact " + target.id() + ": "
                + check.refusal().get());
          }
        }
      }
      clock.advance(Duration.ofDays(2));
      m.respond("spring-mail", ben.id(), Channel.PHONE, "wants a roof box");
      clock.advance(Duration.ofDays(1));
      Order box = crm.recordPurchase(OrderRequest.of(ben.id(), Channel.STORE, "EUR")
          .line("ROOF-BOX", "accessories", 1, Money.of("449", "EUR"), Money.of("399", "EUR")));
      out.println("  " + ben.name() + " bought " + box.id() + " (" + box.amountPaid()
          + ", no campaign code) three days after the mailing");
      for (Marketing rule : rules) {
        out.println();
        out.println("  attribution by " + rule.attribution() + ":");
        out.printf(Locale.ROOT, "    %-17s %7s %9s %10s %10s %9s %9s %s%n", "campaign",
            "reached", "response", "conversion", "revenue", "margin", "cost", "ROI");
        for (Campaign c : rule.campaigns()) {
          printReturn(rule.campaignReturn(c.id()));
        }
        printReturn(rule.campaignReturnWithSubCampaigns("spring-launch"));
      }
      out.println();
      out.println("  customer base by region (EUR, net of returns):");
      for (TargetGroup g : m.targetGroups(Dimension.REGION, "EUR")) {
        out.printf(Locale.ROOT, "    %-12s %d customers, %d buyers, revenue %s, per customer %s%n",
            g.group(), g.customers(), g.buyers(), g.revenue(), g.revenuePerCustomer());
      }
    }

    private void printReturn(CampaignReturn r) {
      out.printf(Locale.ROOT, "    %-17s %7d %9s %10s %10s %9s %9s %s%n",
          r.campaignId() + (r.includesSubCampaigns() ? "+sub" : ""), r.reached(),
          r.responseRate().map(x -> x.numerator() + "/" + x.denominator()).orElse("-"),
          r.conversionRate().map(x -> x.numerator() + "/" + x.denominator()).orElse("-"),
          r.revenue().amount().toPlainString(), r.margin().amount().toPlainString(),
          r.cost().amount().toPlainString(),
          r.roi().map(x -> x.setScale(3, java.math.RoundingMode.HALF_EVEN).toPlainString())
              .orElse("-"));
    }

    /** A complaint that misses its SLA, escalates twice and is resolved. */
    private void complaintTour(Customer customer) {
      heading("7. A complaint escalates and is resolved");
      // Monday to Friday 09:00-17:00 UTC; the complaint comes in on the next Monday at 09:00
      BusinessCalendar calendar = BusinessCalendar.of(ZoneOffset.UTC, LocalTime.of(9, 0),
          LocalTime.of(17, 0), BusinessCalendar.MONDAY_TO_FRIDAY, Set.of());
      SlaPolicy sla = SlaPolicy.builder(calendar).all(SlaTarget.businessHours(8, 40))
          .target(CaseType.COMPLAINT, Priority.HIGH, SlaTarget.businessHours(2, 8)).build();
      EscalationPolicy ladder = EscalationPolicy.of(
          EscalationLevel.of("team lead", Duration.ZERO, "lead-service"),
          EscalationLevel.of("department manager", Duration.ofHours(8), "head-of-service"),
          EscalationLevel.of("executive", Duration.ofHours(48), "coo"));
      ServiceDesk desk = ServiceDesk.create(crm, clock, crm.events(), sla, ladder);
      Surveys surveys = Surveys.create(crm, desk, clock, crm.events());
      LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
      Instant monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(9, 0)
          .toInstant(ZoneOffset.UTC);
      clock.advance(Duration.between(clock.instant(), monday));

      ServiceCase c = desk.open(CaseRequest.of(customer.id(), CaseType.COMPLAINT,
              Priority.HIGH, Channel.HOTLINE)
          .owner("agent-3").subject("paint chipped on the bonnet").product("A-CLASS-180")
          .category("paint"));
      out.println("  " + TIME.format(clock.instant()) + "  " + c.id() + " " + c.type() + "/"
          + c.priority() + " opened for " + c.customerId() + ", owner " + c.owner() + ": "
          + c.subject());
      out.println("                    SLA (business hours): first response by "
          + TIME.format(sla.firstResponseDue(c)) + ", resolution by "
          + TIME.format(sla.resolutionDue(c)));
      clock.advance(Duration.ofHours(3));
      escalate(desk);
      out.println("  " + TIME.format(clock.instant()) + "  a second run at the same instant"
          + " escalates " + desk.escalate().size() + " cases");
      clock.advance(Duration.ofHours(8));
      escalate(desk);
      c = desk.start(c.id());
      out.println("  " + TIME.format(clock.instant()) + "  " + c.id() + " " + c.status()
          + " (first response)");
      clock.advance(Duration.ofHours(14)); // next morning
      c = desk.resolve(c.id(), "bonnet repainted at the service station", "paint shop process");
      out.println("  " + TIME.format(clock.instant()) + "  " + c.id() + " " + c.status()
          + ": " + c.resolution().orElseThrow() + " (root cause: "
          + c.rootCause().orElseThrow() + ")");
      clock.advance(Duration.ofDays(2));
      c = desk.recordSatisfaction(c.id(), 4);
      surveys.record(SurveyRequest.of(customer.id()).csat(4).nps(9).aboutCase(c.id())
          .text("quick once it reached the manager"));
      FollowUp callBack = surveys.followUpAfterCase(c.id(), Duration.ofDays(14),
          "does the paint hold?");
      c = desk.close(c.id());
      out.println("  " + TIME.format(clock.instant()) + "  satisfaction " + c.satisfaction()
          .orElseThrow() + "/5, NPS answer 9; " + c.id() + " " + c.status() + "; call-back "
          + callBack.id() + " due " + TIME.format(callBack.dueAt()));
      try {
        desk.reopen(c.id());
      } catch (IllegalStateException e) {
        out.println("  rejected: " + e.getMessage());
      }
      ComplaintSummary summary = desk.complaintSummary(START, clock.instant());
      out.println("  complaints so far: " + summary.complaints() + " by product "
          + summary.byProduct() + ", by root cause " + summary.byRootCause());
      CustomerView shown = AccessPolicy.defaults().view(customer, AccessLevel.PUBLIC);
      out.println("  public view of " + shown.id() + ": phones " + shown.phones() + ", e-mails "
          + shown.emails() + ", national ids " + shown.nationalIds() + ", born "
          + shown.birthDate().orElse("-"));
    }

    private void escalate(ServiceDesk desk) {
      for (ServiceCase e : desk.escalate()) {
        Escalation last = e.escalations().get(e.escalations().size() - 1);
        out.println("  " + TIME.format(last.at()) + "  " + e.id() + " ESCALATED to level "
            + last.level() + " (" + last.levelName() + "), notified " + last.notified()
            + ": missed the deadline of " + TIME.format(last.missedDeadline()));
      }
    }

    private void heading(String text) {
      out.println();
      out.println(text);
    }

    private void printCustomer(Customer c) {
      String kind = c instanceof Organization ? "organization" : "individual";
      out.printf(Locale.ROOT, "  %s %-12s %s (code %s)%n", c.id(), kind, c.name(), c.code());
      // the normalised keys, on made-up data; national ids masked as they are in any log
      List<String> keys = c.keys().stream()
          .map(k -> k.kind() == IdentityKey.Kind.NATIONAL_ID ? k.toString()
              : k.kind() + ":" + k.value())
          .toList();
      if (!keys.isEmpty()) {
        out.println("           keys: " + String.join(", ", keys));
      }
      if (!c.aliases().isEmpty()) {
        out.println("           also known as: " + String.join(", ", c.aliases()));
      }
      if (c instanceof Individual i) {
        List<String> p = new ArrayList<>();
        i.profile().birthDate().ifPresent(d -> p.add("born " + d));
        i.profile().occupation().ifPresent(p::add);
        i.profile().incomeBand().ifPresent(b -> p.add("income " + b));
        i.profile().region().ifPresent(r -> p.add("region " + r));
        if (!p.isEmpty()) {
          out.println("           profile: " + String.join(", ", p));
        }
      }
      if (c instanceof Organization o) {
        out.println("           profile: " + o.profile().sector().map(Object::toString)
            .orElse("?") + ", " + o.profile().employeeCount().map(n -> n + " employees")
            .orElse("?") + ", buying power " + o.profile().annualBuyingPower()
            .map(Money::toString).orElse("?"));
        for (Contact contact : o.contacts()) {
          out.printf(Locale.ROOT, "           contact %-4s %-13s %s%s%n", contact.id(),
              contact.name(), contact.role(), contact.title().map(t -> " (" + t + ")")
                  .orElse(""));
        }
      }
      if (c.ownership().accountManager().isPresent()
          || c.ownership().technicalSupportOwner().isPresent()) {
        out.println("           owners: account manager "
            + c.ownership().accountManager().orElse("-") + ", technical support "
            + c.ownership().technicalSupportOwner().orElse("-"));
      }
      if (!c.consents().isEmpty()) {
        out.println("           consents: " + c.consents().values().stream()
            .map(k -> k.channel() + (k.granted() ? " opted in " : " withdrawn ") + k.decidedAt())
            .collect(Collectors.joining(", ")));
      }
    }

    private void printOrder(Order o) {
      out.println("  " + o.id() + " " + o.channel() + " order for " + o.customerId() + ": paid "
          + o.amountPaid() + ", list " + o.listAmount() + ", discount " + o.discount());
    }

    private void printInteraction(dev.crmkit.core.interaction.Interaction i) {
      out.println("  " + i.id() + " " + i.direction() + " " + i.type() + " via " + i.channel()
          + " with " + i.customerId() + i.contactId().map(c -> " (contact " + c + ")").orElse("")
          + ": " + i.notes() + i.outcome().map(x -> " -> " + x).orElse(""));
    }

    private void printReport(MergeReport r) {
      out.println("  merged " + r.mergedId() + " into " + r.survivorId()
          + " (the survivor is the earlier registration); fields that disagreed:");
      for (FieldConflict c : r.conflicts()) {
        out.printf(Locale.ROOT, "    %-32s %-18s survivor %s, merged %s -> %s%n", c.field(),
            c.resolution(), c.survivorValue().orElse("(none)"),
            c.mergedValue().orElse("(none)"), c.result().orElse("(none)"));
      }
    }
  }

}
