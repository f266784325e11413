package dev.crmkit.cli;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code crm import}: customers, orders and interactions from CSV files into a crm-core database.
 *
 * <p>Every row is written through the {@link Crm} facade (so the store's rules hold: an order
 * needs a live customer, a customer code is unique), {@value #DEFAULT_BATCH} rows per
 * transaction: customers and orders in bulk ({@link Crm#registerAll}, {@link Crm#recordPurchases},
 * a few queries and batched inserts per transaction); when a batch fails, its rows are written one
 * by one so that the bad row is named. Importing is idempotent per row: a customer is known by its id, an order by its
 * {@code order_id} or, without one, by an id derived from the row's text and line number; a row
 * already in the store is counted as such and not written again, so an import run twice, or
 * killed and run again, leaves what one clean run leaves.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports customers, orders and interactions from CSV files (each with a header) into a"
          + " crm-core database; rows already there are not imported again.",
      "--customers: id[,kind,name,email,phone,code]; kind is individual (default) or"
          + " organization, name defaults to the id.",
      "--orders: the transaction CSV of 'crm rfm --input': customer_id,date,amount[,order_id,sku,"
          + "category,quantity]; one row is one order of one line, amount its total; customers named"
          + " only here are registered (name = id). Without order_id the order's id is derived from"
          + " the row and its line number.",
      "--interactions: customer_id,date[,id,channel,type,direction,notes].",
      "Dates are ISO (yyyy-MM-dd), stored as midnight UTC."
    })
public final class ImportCommand implements Callable<Integer> {

  static final int DEFAULT_BATCH = 500;
  private static final int MAX_SHOWN = 40;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--customers", paramLabel = "CUSTOMERS.csv", description = "Customers to register.")
  Path customers;

  @Option(names = "--orders", paramLabel = "ORDERS.csv", description = "Orders (a transaction CSV).")
  Path orders;

  @Option(names = "--interactions", paramLabel = "INTERACTIONS.csv", description = "Interactions to log.")
  Path interactions;

  @Mixin StoreOption store;

  @Option(names = "--skip-bad-rows",
      description = "Skip bad rows and report how many, instead of stopping at the first.")
  boolean skipBadRows;

  @Option(names = "--currency", defaultValue = "EUR", paramLabel = "CODE",
      description = "The currency of the order amounts (default: ${DEFAULT-VALUE}).")
  String currency;

  @Option(names = "--batch", defaultValue = "" + DEFAULT_BATCH, paramLabel = "N",
      description = "Rows per transaction (default: ${DEFAULT-VALUE}).")
  int batch;

  private Crm crm;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long skipped;
  private BadRow firstSkipped;

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    if (customers == null && orders == null && interactions == null) {
      throw new CommandLine.ParameterException(cl,
          "nothing to import: give --customers, --orders and/or --interactions");
    }
    if (!store.given()) {
      throw new CommandLine.ParameterException(cl, "--store: the database to import into is required");
    }
    if (batch < 1) {
      throw new CommandLine.ParameterException(cl, "--batch must be at least 1, got " + batch);
    }
    try {
      Money.zero(currency);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, "--currency: " + e.getMessage());
    }
    for (Path p : new Path[] {customers, orders, interactions}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new CommandLine.ParameterException(cl, p + " is not a readable file");
      }
    }
    long started = System.nanoTime();
    long rows = 0;
    try (StoreOption.Opened db = store.open(cl);
        Crm opened = Crm.builder().clock(Clock.systemUTC()).store(db.store()).build()) {
      crm = opened;
      if (customers != null) {
        rows += importFile(customers, List.of("id"), this::customerRow);
      }
      if (orders != null) {
        rows += importFile(orders, List.of("customer_id", "date", "amount"), this::orderRow);
      }
      if (interactions != null) {
        rows += importFile(interactions, List.of("customer_id", "date"), this::interactionRow);
      }
    }
    PrintWriter out = cl.getOut();
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "%d rows in %.1f s (%.0f rows/s) into %s%n", rows, seconds,
        rows / Math.max(seconds, 1e-9), store.url);
    for (String kind : List.of("customers", "orders", "interactions")) {
      long added = counts.getOrDefault(kind + " added", 0L);
      long there = counts.getOrDefault(kind + " already there", 0L);
      if (added + there > 0) {
        out.printf("%s: %d added, %d already there%n", kind, added, there);
      }
    }
    if (skipped > 0) {
      out.printf("skipped %d bad row%s; the first: %s%n", skipped, skipped == 1 ? "" : "s",
          firstSkipped.getMessage());
    }
    out.flush();
    return 0;
  }

  // ------------------------------------------------------------------ rows

  /** One row made ready to write: everything that can be checked without the store is checked. */
  @FunctionalInterface
  interface Prepared {
    void apply(Map<String, Long> tally);

    /** What the bulk path writes for this row, or null: the row is written on its own. */
    default Object bulk() {
      return null;
    }
  }

  /** A customer row for the bulk path. */
  private record CustomerItem(CustomerId id, Registration<?> registration) {}

  /** An order row for the bulk path. */
  private record OrderItem(String orderId, CustomerId customerId, Instant at, Money total,
      OrderRequest request) {}

  private static Prepared withBulk(Prepared single, Object bulk) {
    return new Prepared() {
      @Override
      public void apply(Map<String, Long> tally) {
        single.apply(tally);
      }

      @Override
      public Object bulk() {
        return bulk;
      }
    };
  }

  @FunctionalInterface
  interface RowReader {
    Prepared prepare(Row row);
  }

  private Prepared customerRow(Row row) {
    String id = row.required("id");
    String kind = Optional.ofNullable(row.get("kind")).orElse("individual").toLowerCase(Locale.ROOT);
    String name = Optional.ofNullable(row.get("name")).orElse(id);
    Registration<?> registration = switch (kind) {
      case "individual", "person" -> Registration.individual(name);
      case "organization", "organisation" -> Registration.organization(name);
      default -> throw new BadRow("kind: " + shown(kind) + " is not individual or organization");
    };
    CustomerId customerId = CustomerId.of(id);
    registration.id(customerId);
    row.ifPresent("code", registration::code);
    row.ifPresent("email", registration::email);
    row.ifPresent("phone", registration::phone);
    return withBulk(tally -> {
      if (crm.store().customers().resolve(customerId).isPresent()) {
        tally.merge("customers already there", 1L, Long::sum);
      } else {
        crm.register(registration);
        tally.merge("customers added", 1L, Long::sum);
      }
    }, new CustomerItem(customerId, registration));
  }

  private Prepared orderRow(Row row) {
    CustomerId customerId = CustomerId.of(row.required("customer_id"));
    Instant at = date(row, "date");
    BigDecimal amount = number(row, "amount");
    if (amount.signum() < 0) {
      throw new BadRow("amount: " + shown(row.get("amount"))
          + " is negative; a refund cannot be imported as an order");
    }
    int quantity = 1;
    if (row.get("quantity") != null) {
      try {
        quantity = Integer.parseInt(row.get("quantity"));
      } catch (NumberFormatException e) {
        quantity = 0;
      }
      if (quantity < 1) {
        throw new BadRow("quantity: " + shown(row.get("quantity")) + " is not a whole number >= 1");
      }
    }
    BigDecimal unit;
    try {
      unit = amount.divide(BigDecimal.valueOf(quantity));
    } catch (ArithmeticException e) {
      throw new BadRow("amount: " + amount + " is not " + quantity + " times an exact unit price");
    }
    Money price = Money.of(unit, Money.zero(currency).currency());
    String orderId = Optional.ofNullable(row.get("order_id")).orElseGet(() -> row.derivedId("R-"));
    OrderRequest request = OrderRequest.of(customerId, Channel.STORE, currency)
        .orderId(orderId).orderedAt(at)
        .line(Optional.ofNullable(row.get("sku")).orElse("unknown"),
            Optional.ofNullable(row.get("category")).orElse("uncategorized"), quantity, price, price);
    Money total = price.times(quantity);
    return withBulk(tally -> {
      Optional<Order> existing = crm.store().orders().findById(orderId);
      if (existing.isPresent()) {
        Order o = existing.get();
        Optional<CustomerId> live = crm.store().customers().resolve(customerId);
        boolean same = o.orderedAt().equals(at) && o.amountPaid().equals(total)
            && live.isPresent() && live.equals(crm.store().customers().resolve(o.customerId()));
        if (!same) {
          throw new BadRow("order_id: " + shown(orderId) + " is already recorded with other content"
              + " (customer " + o.customerId() + ", " + o.orderedAt() + ", " + o.amountPaid() + ")");
        }
        tally.merge("orders already there", 1L, Long::sum);
        return;
      }
      registerIfUnknown(customerId, tally);
      crm.recordPurchase(request);
      tally.merge("orders added", 1L, Long::sum);
    }, new OrderItem(orderId, customerId, at, total, request));
  }

  // ------------------------------------------------------------------ the bulk path

  /**
   * Customer ids this run has seen stored (added, or found already there), once their batch
   * committed: orders of these customers need no look-up of their customers.
   */
  private final Set<CustomerId> stored = new HashSet<>();
  /** What the running bulk batch saw stored; joins {@link #stored} when it commits. */
  private final Set<CustomerId> storedInBatch = new HashSet<>();

  /**
   * Whether the next bulk batch looks its ids up in the store before it writes (see
   * {@link #flushInBulk}): at the start of each file, and after a batch that found rows already
   * there; not after a batch whose look-up found none of its rows (a first import, or the part of
   * the file a killed import did not reach).
   */
  private boolean lookUp = true;
  /** Whether the running bulk batch's look-up found some of its rows already stored. */
  private boolean foundThere;

  /**
   * The customers of a batch: with {@code lookUp}, one lookup of their ids (those there are
   * counted, not written); then one bulk registration.
   */
  private Map<String, Long> bulkCustomers(List<CustomerItem> items, boolean lookUp) {
    Map<String, Long> tally = new HashMap<>();
    Map<CustomerId, CustomerId> known = !lookUp ? Map.of() : crm.store().customers()
        .resolveAll(items.stream().map(CustomerItem::id).toList());
    foundThere = !known.isEmpty();
    Set<CustomerId> seen = new HashSet<>();
    List<Registration<?>> register = new ArrayList<>();
    for (CustomerItem item : items) {
      if (known.containsKey(item.id()) || !seen.add(item.id())) {
        tally.merge("customers already there", 1L, Long::sum);
      } else {
        register.add(item.registration());
      }
    }
    crm.registerAll(register);
    items.forEach(i -> storedInBatch.add(i.id()));
    tally.merge("customers added", (long) register.size(), Long::sum);
    return tally;
  }

  /**
   * The orders of a batch: with {@code lookUp}, one lookup of their ids; one of their customers
   * unless this run stored them all; the customers named only here registered in bulk, then the
   * new orders recorded in bulk. An order already there (stored, or earlier in the batch) with
   * other content fails the batch, which is then written row by row to name the row.
   */
  private Map<String, Long> bulkOrders(List<OrderItem> items, boolean lookUp) {
    Map<String, Long> tally = new HashMap<>();
    Map<String, Order> there = !lookUp ? Map.of() : crm.store().orders()
        .findByIds(items.stream().map(OrderItem::orderId).toList());
    foundThere = !there.isEmpty();
    Set<CustomerId> named = new HashSet<>();
    items.forEach(i -> named.add(i.customerId()));
    there.values().forEach(o -> named.add(o.customerId()));
    // customers this run saw stored need no look-up (recordPurchases resolves and locks them)
    Map<CustomerId, CustomerId> live = there.isEmpty() && stored.containsAll(named) ? Map.of()
        : crm.store().customers().resolveAll(named);
    Map<String, OrderItem> earlier = new HashMap<>();
    Set<CustomerId> registered = new HashSet<>();
    List<Registration<?>> register = new ArrayList<>();
    List<OrderRequest> record = new ArrayList<>();
    for (OrderItem item : items) {
      Order o = there.get(item.orderId());
      OrderItem first = earlier.putIfAbsent(item.orderId(), item);
      if (o != null) {
        CustomerId mine = live.get(item.customerId());
        if (!(o.orderedAt().equals(item.at()) && o.amountPaid().equals(item.total())
            && mine != null && mine.equals(live.get(o.customerId())))) {
          throw new BadRow("order_id: " + shown(item.orderId()) + " is already recorded with"
              + " other content");
        }
        tally.merge("orders already there", 1L, Long::sum);
      } else if (first != null) {
        if (!(first.at().equals(item.at()) && first.total().equals(item.total())
            && live.getOrDefault(first.customerId(), first.customerId())
                .equals(live.getOrDefault(item.customerId(), item.customerId())))) {
          throw new BadRow("order_id: " + shown(item.orderId()) + " is already recorded with"
              + " other content");
        }
        tally.merge("orders already there", 1L, Long::sum);
      } else {
        if (!stored.contains(item.customerId()) && !live.containsKey(item.customerId())
            && registered.add(item.customerId())) {
          register.add(Registration.individual(item.customerId().value()).id(item.customerId()));
        }
        record.add(item.request());
      }
    }
    crm.registerAll(register);
    crm.recordPurchases(record);
    storedInBatch.addAll(named);
    if (!register.isEmpty()) {
      tally.merge("customers added", (long) register.size(), Long::sum);
    }
    tally.merge("orders added", (long) record.size(), Long::sum);
    return tally;
  }

  /**
   * Writes the batch in bulk when every row of it can be; false when it cannot. Without
   * {@link #lookUp} the batch is written without looking its ids up first: the store's primary
   * keys refuse a row that is already there, the transaction rolls back, and the batch is written
   * again with the look-up (which counts such rows as already there); so a first import makes
   * no look-ups, and an import run again makes one per batch, as before.
   */
  private boolean flushInBulk(List<Located> pending) {
    List<CustomerItem> customerItems = new ArrayList<>();
    List<OrderItem> orderItems = new ArrayList<>();
    for (Located l : pending) {
      Object bulk = l.prepared().bulk();
      if (bulk instanceof CustomerItem c) {
        customerItems.add(c);
      } else if (bulk instanceof OrderItem o) {
        orderItems.add(o);
      } else {
        return false;
      }
    }
    if (!customerItems.isEmpty() && !orderItems.isEmpty()) {
      return false;
    }
    boolean looked = lookUp;
    try {
      storedInBatch.clear();
      add(crm.inTransaction(() -> customerItems.isEmpty() ? bulkOrders(orderItems, looked)
          : bulkCustomers(customerItems, looked)));
      stored.addAll(storedInBatch);
      if (looked) {
        lookUp = foundThere;
      }
      return true;
    } catch (BadRow | IllegalArgumentException e) {
      if (!looked) {
        // rolled back: a row may be there already; again, looking the ids up
        lookUp = true;
        return flushInBulk(pending);
      }
      // rolled back: the rows are written one by one, which names the bad one
      return false;
    }
  }

  private Prepared interactionRow(Row row) {
    CustomerId customerId = CustomerId.of(row.required("customer_id"));
    Instant at = date(row, "date");
    String id = Optional.ofNullable(row.get("id")).orElseGet(() -> row.derivedId("I-"));
    InteractionRequest request = InteractionRequest.of(customerId,
            constant(row, "channel", Channel.class, Channel.PHONE),
            constant(row, "type", InteractionType.class, InteractionType.INQUIRY),
            constant(row, "direction", Direction.class, Direction.INBOUND))
        .id(id).occurredAt(at);
    row.ifPresent("notes", request::notes);
    return tally -> {
      Optional<CustomerId> live = crm.store().customers().resolve(customerId);
      if (live.isPresent()) {
        Optional<Interaction> existing = crm.interactions(live.get()).stream()
            .filter(i -> i.id().equals(id)).findFirst();
        if (existing.isPresent()) {
          if (!existing.get().occurredAt().equals(at)) {
            throw new BadRow("id: " + shown(id) + " is already recorded with other content ("
                + existing.get().occurredAt() + ")");
          }
          tally.merge("interactions already there", 1L, Long::sum);
          return;
        }
      }
      registerIfUnknown(customerId, tally);
      crm.logInteraction(request);
      tally.merge("interactions added", 1L, Long::sum);
    };
  }

  private void registerIfUnknown(CustomerId customerId, Map<String, Long> tally) {
    if (crm.store().customers().resolve(customerId).isEmpty()) {
      crm.register(Registration.individual(customerId.value()).id(customerId));
      tally.merge("customers added", 1L, Long::sum);
    }
  }

  // ------------------------------------------------------------------ files and batches

  private long importFile(Path file, List<String> required, RowReader reader) throws IOException {
    long rows = 0;
    lookUp = true;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        throw new IllegalArgumentException(file + ": the file is empty; a header is expected");
      }
      Map<String, Integer> header = new HashMap<>();
      List<String> names = split(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine);
      for (int i = 0; i < names.size(); i++) {
        header.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT), i);
      }
      for (String column : required) {
        if (!header.containsKey(column)) {
          throw new IllegalArgumentException(file + ":1: the header " + shown(headerLine)
              + " names no column " + column + "; expected at least " + String.join(",", required));
        }
      }
      List<Located> pending = new ArrayList<>();
      String line;
      long number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        rows++;
        Row row = new Row(file, number, line, header);
        Prepared prepared;
        try {
          prepared = reader.prepare(row);
        } catch (BadRow | IllegalArgumentException e) {
          BadRow bad = row.bad(e);
          if (!skipBadRows) {
            flush(pending);
            throw bad;
          }
          skip(bad);
          continue;
        }
        pending.add(new Located(row, prepared));
        if (pending.size() >= batch) {
          flush(pending);
        }
      }
      flush(pending);
    }
    return rows;
  }

  private record Located(Row row, Prepared prepared) {}

  /**
   * Writes the rows as one transaction; when one of them fails, the transaction is rolled back
   * and the rows are written one per transaction, so that the good ones stay and the first bad
   * one stops the import or is skipped.
   */
  private void flush(List<Located> pending) {
    if (pending.isEmpty()) {
      return;
    }
    if (flushInBulk(pending)) {
      pending.clear();
      return;
    }
    try {
      add(crm.inTransaction(() -> {
        Map<String, Long> tally = new HashMap<>();
        for (Located l : pending) {
          apply(l, tally);
        }
        return tally;
      }));
    } catch (BadRow batchFailed) {
      for (Located l : pending) {
        try {
          add(crm.inTransaction(() -> {
            Map<String, Long> tally = new HashMap<>();
            apply(l, tally);
            return tally;
          }));
        } catch (BadRow bad) {
          if (!skipBadRows) {
            throw bad;
          }
          skip(bad);
        }
      }
    }
    pending.clear();
  }

  private static void apply(Located l, Map<String, Long> tally) {
    try {
      l.prepared().apply(tally);
    } catch (BadRow | IllegalArgumentException e) {
      throw l.row().bad(e);
    }
  }

  private void add(Map<String, Long> tally) {
    tally.forEach((k, v) -> counts.merge(k, v, Long::sum));
  }

  private void skip(BadRow bad) {
    if (skipped++ == 0) {
      firstSkipped = bad;
    }
  }

  // ------------------------------------------------------------------ parsing

  private static Instant date(Row row, String column) {
    String text = row.required(column);
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRow(column + ": " + shown(text) + " is not a date (yyyy-MM-dd)");
    }
  }

  private static BigDecimal number(Row row, String column) {
    String text = row.required(column);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new BadRow(column + ": " + shown(text) + " is not a number");
    }
  }

  private static <E extends Enum<E>> E constant(Row row, String column, Class<E> type, E otherwise) {
    String text = row.get(column);
    if (text == null) {
      return otherwise;
    }
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new BadRow(column + ": " + shown(text) + " is not one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }

  /** A value for a message: quoted, cut to a readable length. */
  static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String v = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    return "'" + v + "'";
  }

  /** Splits one CSV line: comma-separated, double quotes around a field, "" inside for a quote. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new BadRow("a quoted field is not closed (a field cannot span lines)");
    }
    fields.add(field.toString());
    return fields;
  }

  /** A row that cannot be imported, with its file, line and reason. */
  static final class BadRow extends RuntimeException {
    BadRow(String message) {
      super(message, null, false, false);
    }
  }

  /** One data line of a CSV file. */
  static final class Row {
    private final Path file;
    private final long line;
    private final String text;
    private final Map<String, Integer> header;
    private List<String> fields;

    Row(Path file, long line, String text, Map<String, Integer> header) {
      this.file = file;
      this.line = line;
      this.text = text;
      this.header = header;
    }

    /** The stripped value of a column, or null when the column is missing or empty. */
    String get(String column) {
      if (fields == null) {
        fields = split(text);
      }
      Integer i = header.get(column);
      if (i == null || i >= fields.size()) {
        return null;
      }
      String v = fields.get(i).strip();
      return v.isEmpty() ? null : v;
    }

    String required(String column) {
      String v = get(column);
      if (v == null) {
        throw new BadRow(column + ": missing");
      }
      return v;
    }

    void ifPresent(String column, java.util.function.Consumer<String> action) {
      String v = get(column);
      if (v != null) {
        action.accept(v);
      }
    }

    /** An id made of the row's text and line number: the same row of the same file, the same id. */
    String derivedId(String prefix) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] hash = sha.digest((line + "\n" + text).getBytes(StandardCharsets.UTF_8));
        return prefix + HexFormat.of().formatHex(hash, 0, 12);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    BadRow bad(RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (reason.startsWith(file + ":" + line + ": ")) {
        return e instanceof BadRow b ? b : new BadRow(reason);
      }
      return new BadRow(file + ":" + line + ": " + CrmCommand.oneLine(new BadRow(cut(reason))));
    }

    private static String cut(String reason) {
      return reason.length() > 300 ? reason.substring(0, 300) + "..." : reason;
    }
  }
}
