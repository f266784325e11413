package dev.crmkit.examples;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.identity.Match;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.OrderRequest;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * An end-to-end run of the in-memory core at scale, for the figures in {@code docs/core.md}:
 * registers {@code n} people plus a duplicate of every tenth, records one order and one
 * interaction per record, finds the duplicates, merges them and reads every history, printing
 * the time of each step (wall clock, one thread).
 *
 * <pre>{@code
 * java -cp examples/target/crm.jar dev.crmkit.examples.CoreScaleRun 100000
 * }</pre>
 */
public final class CoreScaleRun {

  /** What one run did, for checking that it did what it says. */
  public record Counts(long records, long duplicatePairs, long liveAfterMerge, long historyItems) {}

  private CoreScaleRun() {}

  public static void main(String[] args) {
    int n = args.length == 0 ? 100_000 : Integer.parseInt(args[0]);
    run(n, System.out);
  }

  public static Counts run(int n, PrintStream out) {
    if (n < 1) {
      throw new IllegalArgumentException("n: '" + n + "' is not valid; expected 1 or more");
    }
    Crm crm = Crm.builder()
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .ids(IdGenerator.sequential()).build();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      crm.register(Registration.individual("Person " + i).email("p" + i + "@example.com")
          .phone("+4930" + (1_000_000 + i)));
      if (i % 10 == 0) {
        crm.register(Registration.individual("P. " + i).email("p" + i + "@example.com"));
      }
    }
    long t1 = System.nanoTime();
    List<CustomerId> ids = crm.customers().map(Customer::id).toList();
    for (CustomerId id : ids) {
      crm.recordPurchase(OrderRequest.of(id, Channel.WEB, "EUR")
          .line("SKU-1", "phones", 2, Money.of("10", "EUR"), Money.of("9", "EUR")));
      crm.logInteraction(InteractionRequest.of(id, Channel.PHONE, InteractionType.INQUIRY,
          Direction.INBOUND));
    }
    long t2 = System.nanoTime();
    List<Match> duplicates = crm.findDuplicates();
    long t3 = System.nanoTime();
    for (Match m : duplicates) {
      crm.merge(m.first(), m.second());
    }
    long t4 = System.nanoTime();
    long items = crm.histories().mapToLong(h -> h.orders().size() + h.interactions().size())
        .sum();
    long t5 = System.nanoTime();
    long live = crm.customers().count();
    out.printf(Locale.ROOT, "records %d: register %d ms; %d orders + %d interactions %d ms;"
            + " findDuplicates (%d pairs) %d ms; merge %d ms; histories (%d items) %d ms%n",
        ids.size(), ms(t0, t1), ids.size(), ids.size(), ms(t1, t2), duplicates.size(),
        ms(t2, t3), ms(t3, t4), items, ms(t4, t5));
    return new Counts(ids.size(), duplicates.size(), live, items);
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
