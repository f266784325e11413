package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a history of loyalty events (JSON Lines, format in docs/loyalty.md) through a program
 * and reports every member's balance, tier and ledger plus the outstanding liability. Program
 * designers use it to try a program on last year's data; hosts use it to load a history.
 *
 * <p>Events are applied in time order (ties keep file order), each with the clock set to its
 * time; events after the {@link #asOf} date are left out and counted. A bad line stops the
 * replay with its line number and reason, unless {@link #skipBadRows} is set, in which case it
 * is skipped and listed in the result. Every event carries an idempotency key, so replaying the
 * same file into the same store again writes nothing.
 *
 * <pre>{@code
 * ReplayResult result = LoyaltyReplay.of(LoyaltyProgram.fromJson(programFile), LedgerStore.inMemory())
 *     .asOf(LocalDate.of(2026, 12, 31))
 *     .run(Path.of("events.jsonl"));
 * result.writeJson(Path.of("result.json"));
 * }</pre>
 *
 * <p>Not thread-safe: {@link #asOf} and {@link #skipBadRows} change this instance; configure and
 * run it from one thread. The store it writes to may be shared.
 */
public final class LoyaltyReplay {

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .findAndAddModules()
          .build();

  private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
      Map.entry("purchase", Set.of("order", "lines")),
      Map.entry("return", Set.of("return", "order", "refunded")),
      Map.entry("event", Set.of("event", "reference")),
      Map.entry("referral", Set.of("referred")),
      Map.entry("redeem", Set.of("points", "reference")),
      Map.entry("reward", Set.of("reward", "reference")),
      Map.entry("reserve", Set.of("points", "code", "reference")),
      Map.entry("confirm", Set.of("reservation")),
      Map.entry("rollback", Set.of("reservation")),
      Map.entry("adjust", Set.of("points", "reason")),
      Map.entry("tier", Set.of("tier")),
      Map.entry("codes", Set.of("series", "codes")));

  private static final Set<String> COMMON_FIELDS = Set.of("type", "time", "member", "key");
  private static final Set<String> LINE_FIELDS = Set.of("sku", "category", "quantity", "paid");

  private final LoyaltyProgram program;
  private final LedgerStore store;
  private LocalDate asOf;
  private boolean skipBadRows;
  private int batchSize = 5000;

  /** The ids of the program's rules with a usage limit (their earns are read by writes). */
  private final Set<String> limitedRules;

  private LoyaltyReplay(LoyaltyProgram program, LedgerStore store) {
    this.program = requireNonNull(program, "program");
    this.store = requireNonNull(store, "store");
    Set<String> limited = new java.util.HashSet<>();
    for (LoyaltyProgram.Rule rule : program.rules()) {
      if (rule.limit() != null) {
        limited.add(rule.id());
      }
    }
    this.limitedRules = Set.copyOf(limited);
  }

  public static LoyaltyReplay of(LoyaltyProgram program, LedgerStore store) {
    return new LoyaltyReplay(program, store);
  }

  /** Report as of the end of this local day in the program's zone; later events are left out. */
  public LoyaltyReplay asOf(LocalDate date) {
    this.asOf = requireNonNull(date, "asOf");
    return this;
  }

  /** Skip bad lines (listing them in the result) instead of stopping at the first. */
  public LoyaltyReplay skipBadRows(boolean skip) {
    this.skipBadRows = skip;
    return this;
  }

  /** A skipped line: its number (from 1) and why. */
  public record SkippedRow(long line, String reason) {}

  /** One member at the end: balance, tier (null without tiers) and the full ledger. */
  public record MemberResult(CustomerId member, Balance balance, String tier, List<Entry> ledger) {}

  /**
   * The outcome of a replay: the counters, the skipped lines and the liability, held; the members
   * (balance, tier, ledger) are read from the store when asked, one member at a time, so a replay
   * of millions of events does not hold every ledger: {@link #writeJson} streams them to the file.
   * Read them before writing to the store again.
   */
  public static final class ReplayResult {
    private final String program;
    private final Instant asOf;
    private final long applied;
    private final long replayed;
    private final long afterAsOf;
    private final List<SkippedRow> skipped;
    private final Liability liability;
    private final Loyalty loyalty;
    private final List<CustomerId> memberIds;

    ReplayResult(String program, Instant asOf, long applied, long replayed, long afterAsOf, List<SkippedRow> skipped,
        Liability liability, Loyalty loyalty, List<CustomerId> memberIds) {
      this.program = program;
      this.asOf = asOf;
      this.applied = applied;
      this.replayed = replayed;
      this.afterAsOf = afterAsOf;
      this.skipped = skipped;
      this.liability = liability;
      this.loyalty = loyalty;
      this.memberIds = memberIds;
    }

    /** The program's id. */
    public String program() {
      return program;
    }

    /** The report time: the end of the as-of day, or the last event's time. */
    public Instant asOf() {
      return asOf;
    }

    /** Events written by this run. */
    public long applied() {
      return applied;
    }

    /** Events found already written (an earlier run, or before the resumed line). */
    public long replayed() {
      return replayed;
    }

    /** Events after the as-of date, left out. */
    public long afterAsOf() {
      return afterAsOf;
    }

    /** The skipped lines, in line order. */
    public List<SkippedRow> skipped() {
      return skipped;
    }

    public Liability liability() {
      return liability;
    }

    /** How many members the store holds. */
    public int memberCount() {
      return memberIds.size();
    }

    /** Every member's balance, tier and ledger, read from the store now (all in memory: see {@link #writeJson}). */
    public List<MemberResult> members() {
      List<MemberResult> out = new ArrayList<>(memberIds.size());
      for (CustomerId member : memberIds) {
        out.add(member(member));
      }
      return out;
    }

    private MemberResult member(CustomerId member) {
      return new MemberResult(member, loyalty.balance(member),
          loyalty.tier(member).map(TierStatus::tier).orElse(null), loyalty.ledger(member));
    }

    /** Writes the result as indented JSON, member by member (memory does not grow with the members). */
    public void writeJson(Path file) {
      // one 1 MiB buffer between the generator and the file: the result of a 1M-event replay is
      // about 750 MB, written in a few hundred large writes instead of ~90,000 of 8 KB
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
          JsonGenerator g = JSON.writer().createGenerator(out, JsonEncoding.UTF8)) {
        write(g);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }

    public String toJson() {
      java.io.StringWriter out = new java.io.StringWriter();
      try (JsonGenerator g = JSON.writer().createGenerator(out)) {
        write(g);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString();
    }

    /**
     * One member as the object mapper writes a {@link MemberResult} (the components in order,
     * instants as ISO-8601 text, nulls written), field by field: the mapper's reflection was most
     * of the time spent writing a replay's result. A test compares the two.
     */
    static void writeMember(JsonGenerator g, MemberResult r) throws IOException {
      g.writeStartObject();
      g.writeStringField("member", r.member().value());
      Balance b = r.balance();
      g.writeObjectFieldStart("balance");
      g.writeStringField("member", b.member().value());
      g.writeStringField("asOf", b.asOf().toString());
      g.writeNumberField("active", b.active());
      g.writeNumberField("pending", b.pending());
      g.writeNumberField("dueToExpire", b.dueToExpire());
      g.writeNumberField("debt", b.debt());
      g.writeNumberField("total", b.total());
      g.writeNumberField("earned", b.earned());
      g.writeNumberField("spent", b.spent());
      g.writeNumberField("expired", b.expired());
      g.writeNumberField("reversed", b.reversed());
      g.writeEndObject();
      writeText(g, "tier", r.tier());
      g.writeArrayFieldStart("ledger");
      for (Entry e : r.ledger()) {
        g.writeStartObject();
        g.writeStringField("member", e.member().value());
        g.writeNumberField("seq", e.seq());
        g.writeStringField("kind", e.kind().name());
        g.writeNumberField("points", e.points());
        g.writeFieldName("lot");
        if (e.lot() == null) {
          g.writeNull();
        } else {
          g.writeNumber(e.lot().longValue());
        }
        writeText(g, "at", isoInstant(e.at()));
        writeText(g, "availableAt", e.availableAt() == null ? null : isoInstant(e.availableAt()));
        writeText(g, "expiresAt", e.expiresAt() == null ? null : isoInstant(e.expiresAt()));
        writeText(g, "reason", e.reason());
        writeText(g, "reference", e.reference());
        g.writeFieldName("spend");
        if (e.spend() == null) {
          g.writeNull();
        } else {
          g.writeNumber(e.spend());
        }
        writeText(g, "key", e.key());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    /**
     * {@link Instant#toString()} (what the mapper writes) for whole seconds in the years 1000 to
     * 9999, built from the digits; other instants go to {@code toString()}. Formatting instants
     * was a third of the time spent writing the members; a test compares the two.
     */
    static String isoInstant(Instant t) {
      long seconds = t.getEpochSecond();
      if (t.getNano() != 0 || seconds < -30_610_224_000L || seconds > 253_402_300_799L) {
        return t.toString(); // fractions, and years outside 1000-9999
      }
      long day = Math.floorDiv(seconds, 86_400);
      int secondOfDay = (int) Math.floorMod(seconds, 86_400);
      LocalDate date = LocalDate.ofEpochDay(day);
      byte[] out = new byte[20];
      put(out, 0, date.getYear(), 4);
      out[4] = '-';
      put(out, 5, date.getMonthValue(), 2);
      out[7] = '-';
      put(out, 8, date.getDayOfMonth(), 2);
      out[10] = 'T';
      put(out, 11, secondOfDay / 3_600, 2);
      out[13] = ':';
      put(out, 14, secondOfDay / 60 % 60, 2);
      out[16] = ':';
      put(out, 17, secondOfDay % 60, 2);
      out[19] = 'Z';
      return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] out, int at, int value, int width) {
      for (int i = at + width - 1; i >= at; i--) {
        out[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
    }

    private static void writeText(JsonGenerator g, String field, String text) throws IOException {
      g.writeFieldName(field);
      if (text == null) {
        g.writeNull();
      } else {
        g.writeString(text);
      }
    }

    private void write(JsonGenerator g) throws IOException {
      g.writeStartObject();
      g.writeStringField("program", program);
      g.writeObjectField("asOf", asOf);
      g.writeNumberField("applied", applied);
      g.writeNumberField("replayed", replayed);
      g.writeNumberField("afterAsOf", afterAsOf);
      g.writeObjectField("skipped", skipped);
      g.writeObjectField("liability", liability);
      g.writeArrayFieldStart("members");
      // one pass over the store (three ordered queries on a JDBC store), not four reads per member
      try {
        loyalty.forEachMember(m -> {
          try {
            writeMember(g, m);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private record Line(long number, Instant time, CustomerId member, String key, String type, JsonNode node) {}

  /** Replays the events of a JSON Lines file; into a store that keeps progress, resumes a replay of it cut short. */
  public ReplayResult run(Path events) {
    try {
      return replay(() -> Files.newBufferedReader(events), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read events file " + events, e);
    }
  }

  /**
   * Replays JSON Lines from a reader, from its first line (a reader cannot be read again, so a
   * replay cut short is not resumed from its progress: {@link #run(Path)} does that).
   */
  public ReplayResult run(BufferedReader reader) throws IOException {
    boolean[] opened = new boolean[1];
    return replay(() -> {
      if (opened[0]) {
        throw new IllegalStateException("a reader is read once");
      }
      opened[0] = true;
      return reader;
    }, false);
  }

  /** Events written per transaction on a store that keeps replay progress (default 5,000). */
  public LoyaltyReplay batchSize(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("batchSize: " + events + " must be at least 1");
    }
    this.batchSize = events;
    return this;
  }

  private interface Source {
    BufferedReader open() throws IOException;
  }

  /** A bad line when bad lines stop the replay: the lines before it are committed first. */
  private static final class Stop extends RuntimeException {
    Stop(String message) {
      super(message, null, false, false);
    }
  }

  /** Where a replay is: the counters, the digest of the lines read, the last event's time. */
  private final class Run {
    MessageDigest digest = sha256();
    /**
     * Whether the lines are digested: only for a store that keeps replay progress (the digest
     * identifies the file on resume); hashing every line showed in an in-memory replay's profile.
     */
    final boolean digesting = store.keepsReplayProgress();
    final List<SkippedRow> skipped = new ArrayList<>();
    List<SkippedRow> batchSkipped = new ArrayList<>();
    long number;
    long applied;
    long replayed;
    long done;
    long after;
    Instant last;
    long lastLine;
    Instant end;
    SettableClock clock;
    Loyalty loyalty;

    /** Where a batch starts: the counters and the digest, to start the batch again from. */
    record Mark(long number, long applied, long replayed, long after, Instant last, long lastLine, MessageDigest digest) {}

    Mark mark() {
      try {
        return new Mark(number, applied, replayed, after, last, lastLine, (MessageDigest) digest.clone());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }

    void reset(Mark mark) {
      number = mark.number();
      applied = mark.applied();
      replayed = mark.replayed();
      after = mark.after();
      last = mark.last();
      lastLine = mark.lastLine();
      try {
        digest = (MessageDigest) mark.digest().clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
      batchSkipped = new ArrayList<>();
    }

    void consumed(String text) {
      if (!digesting) {
        return;
      }
      digest.update(text.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }

    /** The digest of the lines read, hex; null when not {@link #digesting} (the store keeps no progress). */
    String digestSoFar() {
      if (!digesting) {
        return null;
      }
      try {
        return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private ReplayResult replay(Source source, boolean resumable) throws IOException {
    Run run = new Run();
    BufferedReader reader = source.open();
    try {
      String first = reader.readLine();
      String replayId = replayId(first);
      boolean progress = store.keepsReplayProgress();
      if (progress) {
        Optional<LedgerStore.ReplayProgress> earlier = store.replayProgress(replayId);
        if (earlier.isPresent() && resumable && skipTo(reader, first, earlier.get(), run)) {
          if (earlier.get().line() > 0) {
            first = null; // consumed
          }
          run.done = earlier.get().done();
          run.after = earlier.get().afterAsOf();
          run.last = earlier.get().lastTime();
          run.skipped.addAll(store.replaySkipped(replayId));
        } else if (earlier.isPresent()) {
          // another file under the same id, or a reader: start over, from line 1
          store.forgetReplay(replayId);
          if (run.number > 0) {
            reader.close();
            reader = source.open();
            first = reader.readLine();
            run.number = 0;
            run.digest.reset();
          }
        }
      }
      ZoneId zone = program.zone();
      run.end = asOf != null ? asOf.plusDays(1).atStartOfDay(zone).toInstant() : null;
      // the replay moves this clock from event to event
      run.clock = SettableClock.of(run.last != null ? run.last : Instant.EPOCH, ZoneOffset.UTC);
      run.loyalty = Loyalty.of(program, store, run.clock);
      String pending = first;
      boolean eof = false;
      while (!eof) {
        // the batch's lines, read ahead (at most batchSize events): parsed once, their members and
        // orders given to the store, which may read them in a few queries and write the batch at once
        List<String> texts = new ArrayList<>();
        int events = 0;
        try {
          while (events < batchSize) {
            String text = pending != null ? pending : reader.readLine();
            pending = null;
            if (text == null) {
              eof = true;
              break;
            }
            texts.add(text);
            if (!text.isBlank()) {
              events++;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read events line " + (run.number + texts.size() + 1), e);
        }
        Object[] parsed = new Object[texts.size()];
        LedgerStore.BatchHints hints = parseAll(texts, run.number, parsed);
        Run.Mark mark = run.mark();
        Stop[] stop = new Stop[1];
        store.replayBatch(hints, () -> {
          // the store may run a batch twice (a batch written at once that met a conflict is
          // undone and written event by event): each run starts from the same place
          run.reset(mark);
          stop[0] = null;
          for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            run.number++;
            if (!text.isBlank()) {
              Instant last = run.last;
              long lastLine = run.lastLine;
              try {
                step(run, parsed[i]);
              } catch (Stop s) {
                // the line is not consumed: the progress ends before it
                stop[0] = s;
                run.number--;
                run.last = last;
                run.lastLine = lastLine;
                break;
              }
            }
            run.consumed(text);
          }
          return new LedgerStore.ReplayCheckpoint(new LedgerStore.ReplayProgress(replayId, run.number,
              run.digestSoFar(), run.done + run.applied + run.replayed, run.after, run.last), run.batchSkipped);
        });
        run.skipped.addAll(run.batchSkipped);
        if (stop[0] != null) {
          throw new IllegalArgumentException(stop[0].getMessage());
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      reader.close();
    }
    Instant end = run.end != null ? run.end : run.last != null ? run.last : Instant.EPOCH;
    run.clock.set(end);
    run.loyalty.expireDue();
    List<SkippedRow> skipped = new ArrayList<>(run.skipped);
    skipped.sort(Comparator.comparingLong(SkippedRow::line));
    return new ReplayResult(program.id(), end, run.applied, run.replayed + run.done, run.after, List.copyOf(skipped),
        run.loyalty.liability(), run.loyalty, run.loyalty.members());
  }

  /**
   * Reads the lines a recorded progress covers, without applying them; returns whether they are
   * the lines it was recorded for (same digest), so the replay resumes after them.
   */
  private static boolean skipTo(BufferedReader reader, String first, LedgerStore.ReplayProgress progress, Run run)
      throws IOException {
    String text = first;
    while (run.number < progress.line()) {
      if (text == null) {
        return false;
      }
      run.number++;
      run.consumed(text);
      if (run.number < progress.line()) {
        text = reader.readLine();
      }
    }
    return run.digestSoFar().equals(progress.digest());
  }

  /** The id a replay's progress is kept under: the program, the options and the file's first line. */
  private String replayId(String firstLine) {
    MessageDigest d = sha256();
    d.update((program.id() + "\n" + asOf + "\n" + skipBadRows + "\n" + firstLine).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses the non-blank lines of a batch ({@code parsed[i]}: the {@link Line}, or why it is bad)
   * and collects what their writes will read: the members (a referral's two), the orders of
   * purchases and returns, and the program's rules with a usage limit.
   */
  private LedgerStore.BatchHints parseAll(List<String> texts, long before, Object[] parsed) {
    Set<CustomerId> members = new java.util.LinkedHashSet<>();
    Map<CustomerId, Set<String>> references = new java.util.HashMap<>();
    Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text.isBlank()) {
        continue;
      }
      try {
        Line line = parse(before + i + 1, text);
        parsed[i] = line;
        if (line.member() != null) {
          members.add(line.member());
          keys.add(line.key());
        }
        JsonNode n = line.node();
        switch (line.type()) {
          case "purchase", "return" -> {
            if (n.path("order").isTextual()) {
              references.computeIfAbsent(line.member(), m -> new java.util.HashSet<>()).add(n.get("order").textValue());
            }
          }
          case "referral" -> {
            keys.add(line.key() + "/referrer");
            keys.add(line.key() + "/referred");
            if (n.path("referred").isTextual()) {
              try {
                members.add(CustomerId.of(n.get("referred").textValue()));
              } catch (IllegalArgumentException e) {
                // a bad id: the line is refused when it is applied
              }
            }
          }
          default -> { }
        }
      } catch (IllegalArgumentException e) {
        parsed[i] = e.getMessage();
      }
    }
    return new LedgerStore.BatchHints(members, references, limitedRules, keys);
  }

  /** Applies one non-blank line (its number is {@code run.number}): its {@link Line}, or why it is bad. */
  private void step(Run run, Object parsed) {
    if (parsed instanceof String reason) {
      bad(run, run.number, reason);
      return;
    }
    Line line = (Line) parsed;
    if (run.last != null && line.time().isBefore(run.last)) {
      bad(run, line.number(), "time: " + line.time() + " is before " + run.last + ", the time of "
          + (run.lastLine > 0 ? "line " + run.lastLine : "an earlier line")
          + ": the replay reads the file as it goes, so events must be sorted by time (a stable sort keeps ties in"
          + " file order)");
      return;
    }
    run.last = line.time();
    run.lastLine = line.number();
    if (run.end != null && !line.time().isBefore(run.end)) {
      run.after++;
      return;
    }
    run.clock.set(line.time());
    // A line an earlier run skipped because the ledger refused it is recorded under its key as
    // refused. Every write but a referral's uses the line's key, so such a line fails (a key
    // conflict) without writing anything: the record is looked up only then, not for every line.
    boolean keyed = line.member() != null;
    if (keyed && line.type().equals("referral") && refusedBefore(line)) {
      // a referral writes under key + "/referrer" and "/referred": look the key up first
      bad(run, line.number(), refusedBeforeReason(line));
      return;
    }
    try {
      if (apply(run.loyalty, line)) {
        run.replayed++;
      } else {
        run.applied++;
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      bad(run, line.number(), keyed && refusedBefore(line) ? refusedBeforeReason(line) : e.getMessage());
    } catch (LoyaltyException e) {
      if (keyed && refusedBefore(line)) {
        bad(run, line.number(), refusedBeforeReason(line));
        return;
      }
      bad(run, line.number(), e.getMessage());
      if (keyed && !(e instanceof IdempotencyConflictException)) {
        // the refusal depended on the ledger then: record its key, so a rerun refuses it too
        // instead of applying it against a later ledger
        recordRefusal(line, refusalFingerprint(line));
      }
    }
  }

  /** Whether an earlier run recorded this line's key as refused (skipped again, whatever the ledger says now). */
  private boolean refusedBefore(Line line) {
    return store.recordedFingerprint(line.key()).filter(refusalFingerprint(line)::equals).isPresent();
  }

  private static String refusedBeforeReason(Line line) {
    return "refused when first replayed (its key '" + Checks.cut(line.key()) + "' is recorded as refused)";
  }

  /** The fingerprint a refused line's key is recorded with: "refused" and the line's JSON. */
  private String refusalFingerprint(Line line) {
    return store.fingerprint(Loyalty.request("refused", line.node().toString()));
  }

  private void recordRefusal(Line line, String fingerprint) {
    try {
      store.apply(new LedgerStore.Write(line.member(), null, line.key(), fingerprint, line.time(),
          view -> new LedgerStore.Changes(List.of(), List.of())));
    } catch (IdempotencyConflictException e) {
      // the key was taken meanwhile (a referral's first half): nothing to record
    }
  }

  private void bad(Run run, long line, String reason) {
    if (!skipBadRows) {
      throw new Stop("events line " + line + ": " + reason);
    }
    run.batchSkipped.add(new SkippedRow(line, reason));
  }

  private static Line parse(long number, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode)) {
      throw new IllegalArgumentException("expected a JSON object, found " + node.getNodeType());
    }
    String type = text(node, "type");
    Set<String> fields = FIELDS.get(type);
    if (fields == null) {
      throw new IllegalArgumentException("type: '" + type + "' is not one of " + new java.util.TreeSet<>(FIELDS.keySet()));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!fields.contains(field) && !COMMON_FIELDS.contains(field)) {
        throw new IllegalArgumentException("field '" + field + "' does not belong to a " + type + " event");
      }
    }
    String timeText = text(node, "time");
    Instant time = simpleInstant(timeText);
    try {
      if (time == null) {
        time = Instant.parse(timeText);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time: '" + timeText + "' is not an ISO-8601 instant like 2026-01-31T10:15:00Z");
    }
    CustomerId member = type.equals("codes") ? null : CustomerId.of(text(node, "member"));
    return new Line(number, time, member, text(node, "key"), type, node);
  }

  /**
   * The instant of a text in the common form {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (years 1000
   * to 9999, seconds up to 59, one to nine fraction digits), read without a formatter; null for
   * any other text, which {@link Instant#parse} then reads (or refuses). {@code Instant.parse} was a
   * tenth of a replay's CPU time; a test compares the two.
   */
  static Instant simpleInstant(String t) {
    int n = t.length();
    if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null; // also every -1 (not digits)
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(t, 20, fraction);
      if (nanos < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    } else if (t.charAt(19) != 'Z') {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The value of {@code count} ASCII digits from {@code at}, or -1 if one is not a digit. */
  private static int digits(String t, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Applies one event; returns whether it was a replay of an earlier write. */
  private boolean apply(Loyalty loyalty, Line line) {
    JsonNode n = line.node();
    CustomerId m = line.member();
    String key = line.key();
    return switch (line.type()) {
      case "purchase" -> {
        JsonNode lines = n.get("lines");
        if (lines == null || !lines.isArray()) {
          throw new IllegalArgumentException("lines: an array of {sku, category, quantity, paid} is required");
        }
        List<Purchase.Line> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
          JsonNode l = lines.get(i);
          String at = "lines[" + i + "].";
          for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!LINE_FIELDS.contains(f)) {
              throw new IllegalArgumentException(at + f + ": is not a line field");
            }
          }
          JsonNode q = l.get("quantity");
          if (q == null || !q.isIntegralNumber() || !q.canConvertToInt()) {
            throw new IllegalArgumentException(at + "quantity: " + (q == null ? "a whole number is required"
                : Checks.cut(q.toString()) + " must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE));
          }
          parsed.add(new Purchase.Line(text(l, at + "sku", "sku"), text(l, at + "category", "category"), q.intValue(),
              money(l, at + "paid", "paid")));
        }
        yield loyalty.purchase(new Purchase(m, text(n, "order"), parsed), key).replayed();
      }
      case "return" -> loyalty.returnPurchase(
          new PurchaseReturn(m, text(n, "return"), text(n, "order"), money(n, "refunded", "refunded")), key).replayed();
      case "event" -> {
        String name = text(n, "event");
        MemberEvent event = null;
        for (MemberEvent e : MemberEvent.values()) {
          if (e.jsonName().equals(name)) {
            event = e;
          }
        }
        if (event == null) {
          throw new IllegalArgumentException("event: '" + name + "' is not registration, birthday or survey-answered");
        }
        yield loyalty.event(m, event, text(n, "reference"), key).replayed();
      }
      case "referral" -> loyalty.referral(m, CustomerId.of(text(n, "referred")), key).stream().allMatch(Receipt::replayed);
      case "redeem" -> loyalty.redeem(m, whole(n, "points"), text(n, "reference"), key).replayed();
      case "reward" -> loyalty.redeemReward(m, text(n, "reward"), text(n, "reference"), key).replayed();
      case "reserve" -> loyalty.reserve(m, n.has("points") ? whole(n, "points") : 0,
          n.has("code") ? text(n, "code") : null, text(n, "reference"), key).replayed();
      case "confirm" -> loyalty.confirm(m, text(n, "reservation"), key).replayed();
      case "rollback" -> loyalty.rollback(m, text(n, "reservation"), key).replayed();
      case "adjust" -> loyalty.adjust(m, whole(n, "points"), text(n, "reason"), key).replayed();
      case "tier" -> {
        JsonNode t = n.get("tier");
        if (t == null || !(t.isNull() || t.isTextual())) {
          throw new IllegalArgumentException("tier: a tier id, or null to release a manual tier, is required");
        }
        yield loyalty.assignTier(m, t.isNull() ? null : t.textValue(), key).replayed();
      }
      case "codes" -> {
        JsonNode codes = n.get("codes");
        if (codes == null || !codes.isArray()) {
          throw new IllegalArgumentException("codes: an array of voucher codes is required");
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
          list.add(text(codes, i));
        }
        yield loyalty.importCodes(text(n, "series"), list) == 0;
      }
      default -> throw new IllegalStateException("unreachable: " + line.type());
    };
  }

  private static String text(JsonNode node, String field) {
    return text(node, field, field);
  }

  private static String text(JsonNode node, String label, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(label + ": is required");
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(label + ": " + v + " must be a string");
    }
    return v.textValue();
  }

  private static String text(JsonNode array, int index) {
    JsonNode v = array.get(index);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("codes[" + index + "]: " + v + " must be a string");
    }
    return v.textValue();
  }

  private long whole(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(field + ": " + (v == null ? "is required" : Checks.cut(v.toString()) + " must be a whole number"));
    }
    if (!v.canConvertToLong()) {
      throw new IllegalArgumentException(field + ": " + Checks.cut(v.toString()) + " is out of range (at most "
          + Long.MAX_VALUE + " in absolute value)");
    }
    return v.longValue();
  }

  /** An amount in the program's currency, as a string ("12.50") or a JSON number. */
  private Money money(JsonNode node, String label, String field) {
    JsonNode v = node.get(field);
    BigDecimal amount;
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(label + ": is required");
    } else if (v.isNumber()) {
      amount = v.decimalValue();
    } else if (v.isTextual()) {
      try {
        amount = new BigDecimal(v.textValue());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(label + ": '" + v.textValue() + "' is not a decimal amount");
      }
    } else {
      throw new IllegalArgumentException(label + ": " + v + " must be an amount like \"12.50\"");
    }
    return Money.of(amount, program.currency());
  }
}
