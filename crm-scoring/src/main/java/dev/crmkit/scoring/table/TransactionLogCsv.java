package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link TransactionLog} from a CSV file.
 *
 * <p>The first line is a header naming the columns, in any order: {@code customer_id}, {@code
 * date} and {@code amount} are required; {@code category} and {@code discount_share} are read
 * when present (an empty value means "none"); other columns are ignored. Dates are ISO ({@code
 * 2024-03-31}) unless a {@link java.time.format.DateTimeFormatter} pattern is given. Fields may
 * be quoted ({@code "a ""quoted"" id"}), but a quoted field cannot span lines. Blank lines are
 * skipped; they hold no row.
 *
 * <p>A malformed row (a missing field, a bad date, a non-numeric amount) stops the read with a
 * {@link MalformedRowException} naming the line, the field, the value and the line's text; with
 * {@link Options#skipBadRows(boolean)} such rows are skipped and counted instead.
 *
 * <pre>{@code
 * TransactionLogCsv.Result result = TransactionLogCsv.read(Path.of("tx.csv"),
 *     TransactionLogCsv.Options.defaults().datePattern("dd.MM.yyyy").skipBadRows(true));
 * TransactionLog log = result.log();
 * long skipped = result.skippedRows();
 * }</pre>
 *
 * <p>The file is parsed in parallel byte ranges (one per core) by a byte-level parser. When
 * only the customer summary is needed, {@link #summarize} reads the file straight into it
 * without holding the rows.
 */
public final class TransactionLogCsv {

  public static final String CUSTOMER_ID = "customer_id";
  public static final String DATE = "date";
  public static final String AMOUNT = "amount";
  public static final String CATEGORY = "category";
  public static final String DISCOUNT_SHARE = "discount_share";

  /** Below this size one thread reads the whole file: splitting would cost more than it saves. */
  private static final long MIN_PARALLEL_BYTES = 4L << 20;

  private TransactionLogCsv() {}

  /** Reads with the default options (ISO dates, stop at the first bad row). */
  public static Result read(Path path) {
    return read(path, Options.defaults());
  }

  /**
   * Reads a transaction CSV.
   *
   * @throws MalformedRowException at the first malformed row, unless skipping bad rows
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Result read(Path path, Options options) {
    return read(path, options, 0);
  }

  /** Reads in exactly {@code forcedChunks} byte ranges when positive (for tests). */
  static Result read(Path path, Options options, int forcedChunks) {
    requireNonNull(path, "path");
    requireNonNull(options, "options");
    Parsed parsed = parse(path, options, forcedChunks, null, MIN_PARALLEL_BYTES);
    return new Result(
        merge(parsed.parts), parsed.skipped, parsed.examples, parsed.returnRows, options.returns);
  }

  /** Summarises with the default options (ISO dates, stop at the first bad row). */
  public static SummaryResult summarize(Path path, LocalDate asOf) {
    return summarize(path, asOf, null, Options.defaults());
  }

  /**
   * Reads a transaction CSV straight into its {@link CustomerSummary} as of a date, without
   * holding the rows: the same summary as {@code CustomerSummary.of(read(path, options).log(),
   * asOf, interactions)}, bit for bit, in a fraction of the time and memory. Use it when the
   * summary is all you need (every scoring strategy reads only the summary).
   *
   * <p>One thread parses the file while the calling thread folds its rows into per-customer
   * aggregates (on a single core, or for a small file, the calling thread does both).
   *
   * @param interactions the interactions to count, or null for none
   * @throws MalformedRowException at the first malformed row, unless skipping bad rows
   * @throws UncheckedIOException when the file cannot be read
   */
  public static SummaryResult summarize(
      Path path, LocalDate asOf, @Nullable InteractionLog interactions, Options options) {
    return summarize(path, asOf, interactions, options, MIN_PARALLEL_BYTES);
  }

  /** Parses on a thread of its own from {@code minParallelBytes} of data (for tests). */
  static SummaryResult summarize(
      Path path, LocalDate asOf, InteractionLog interactions, Options options,
      long minParallelBytes) {
    requireNonNull(path, "path");
    requireNonNull(asOf, "asOf");
    requireNonNull(options, "options");
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    Parsed parsed = parse(path, options, 0, asOfDay, minParallelBytes);
    CsvChunk chunk = parsed.parts.get(0);
    CustomerSummary summary =
        parsed.aggregator.summary(chunk.categories.keys(), scale(parsed.parts), interactions);
    return new SummaryResult(
        summary, chunk.rows, parsed.skipped, parsed.examples, parsed.returnRows, options.returns);
  }

  private record Parsed(
      List<CsvChunk> parts,
      SummaryAggregator aggregator,
      long skipped,
      List<MalformedRowException> examples,
      long returnRows) {}

  /**
   * Parses the file: into one chunk per byte range for a log, or, when {@code asOfDay} is not
   * null, into a summary aggregator fed by one chunk.
   */
  private static Parsed parse(
      Path path, Options options, int forcedChunks, Integer asOfDay, long minParallelBytes) {
    String source = path.toString();
    long size;
    byte[] headerBytes;
    try {
      size = Files.size(path);
      headerBytes = headerLine(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
    int headerLength = headerBytes.length;
    boolean bom =
        headerLength >= 3
            && (headerBytes[0] & 0xFF) == 0xEF
            && (headerBytes[1] & 0xFF) == 0xBB
            && (headerBytes[2] & 0xFF) == 0xBF;
    String header =
        new String(headerBytes, bom ? 3 : 0, headerLength - (bom ? 3 : 0), StandardCharsets.UTF_8);
    long dataStart = Math.min(size, headerLength + 1L);
    CsvChunk.Layout header0 = layout(source, header.strip(), options.delimiter);
    CsvChunk.Layout layout =
        options.categories || header0.categoryCol() < 0
            ? header0
            // not wanted: the column is not parsed, as if absent
            : new CsvChunk.Layout(header0.customerCol(), header0.dateCol(), header0.amountCol(), -1,
                header0.discountCol(), Math.max(Math.max(header0.customerCol(), header0.dateCol()),
                    Math.max(header0.amountCol(), header0.discountCol())));

    DateTimeFormatter format = options.dateFormatter();
    String expectation =
        options.datePattern == null
            ? "(expected yyyy-MM-dd)"
            : "(expected the pattern " + options.datePattern + ")";
    long dataBytes = size - dataStart;
    AtomicLong done = new AtomicLong();
    List<CsvChunk> parts = new ArrayList<>();
    SummaryAggregator aggregator = null;
    if (asOfDay == null) {
      int chunks =
          forcedChunks > 0
              ? forcedChunks
              : dataBytes < MIN_PARALLEL_BYTES
              ? 1
              : (int) Math.max(options.threads, (dataBytes >> 30) + 1); // ranges below 1 GiB
      for (int i = 0; i < chunks; i++) {
        long from = dataStart + dataBytes * i / chunks;
        long to = dataStart + dataBytes * (i + 1) / chunks;
        parts.add(
            new CsvChunk(
                path, from, to, i == 0, layout, format, expectation, options.skipBadRows, done,
                null, options));
      }
      parse(parts, options, done, dataBytes);
    } else {
      aggregator =
          new SummaryAggregator(
              asOfDay, layout.categoryCol() >= 0, layout.discountCol() >= 0,
              estimateRows(path, dataStart, dataBytes));
      // the whole file is one chunk, handing its batches to the aggregator
      Function<CsvChunk.BatchHandoff, CsvChunk> wholeFile =
          handoff -> new CsvChunk(path, dataStart, size, true, layout, format, expectation,
              options.skipBadRows, done, handoff, options);
      parts.add(
          options.threads == 1 || dataBytes < minParallelBytes
              ? aggregateHere(wholeFile, aggregator, options, done, dataBytes)
              : pipeline(wholeFile, aggregator, options, done, dataBytes));
    }

    // the first bad row in file order wins, whichever chunk finished first
    long linesBefore = 1; // the header
    List<MalformedRowException> examples = new ArrayList<>();
    long skipped = 0;
    long returnRows = 0;
    for (CsvChunk part : parts) {
      returnRows += part.returnRows;
      if (part.failure != null) {
        throw exception(source, linesBefore, part.failure);
      }
      for (CsvChunk.BadRow bad : part.examples) {
        if (examples.size() < CsvChunk.MAX_EXAMPLES) {
          examples.add(exception(source, linesBefore, bad));
        }
      }
      skipped += part.skipped;
      linesBefore += part.lines;
    }
    return new Parsed(parts, aggregator, skipped, examples, returnRows);
  }

  /** Batches of parsed rows waiting for the aggregator (a few MB at most). */
  private static final int QUEUED_BATCHES = 16;

  /** Parses and aggregates on this thread (a small file, or a single thread). */
  private static CsvChunk aggregateHere(
      Function<CsvChunk.BatchHandoff, CsvChunk> wholeFile,
      SummaryAggregator aggregator,
      Options options,
      AtomicLong done,
      long total) {
    CsvChunk chunk =
        wholeFile.apply(
            batch -> {
              aggregator.accept(batch);
              batch.clear();
              return batch;
            });
    parse(List.of(chunk), options, done, total);
    return chunk;
  }

  /** Parses on a thread of its own while this thread aggregates the batches it hands over. */
  private static CsvChunk pipeline(
      Function<CsvChunk.BatchHandoff, CsvChunk> wholeFile,
      SummaryAggregator aggregator,
      Options options,
      AtomicLong done,
      long total) {
    BlockingQueue<RowBatch> full = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    BlockingQueue<RowBatch> empty = new ArrayBlockingQueue<>(QUEUED_BATCHES + 1);
    for (int i = 0; i < QUEUED_BATCHES; i++) {
      empty.add(new RowBatch());
    }
    CsvChunk chunk =
        wholeFile.apply(
            batch -> {
              full.put(batch);
              return batch.last ? null : empty.take();
            });
    ExecutorService pool = Executors.newSingleThreadExecutor(CSV_THREADS);
    onPool(pool, options, total, () -> {
      Future<CsvChunk> parser = pool.submit(chunk::parse);
      long reported = System.nanoTime();
      while (true) {
        RowBatch batch = full.poll(200, TimeUnit.MILLISECONDS);
        if (batch == null) {
          if (parser.isDone() && full.isEmpty()) {
            break; // the parser failed before its last batch: get() below says why
          }
        } else {
          aggregator.accept(batch);
          if (batch.last) {
            break;
          }
          batch.clear();
          empty.put(batch);
        }
        if (options.progress != null && System.nanoTime() - reported > 200_000_000L) {
          options.progress.progress(done.get(), total);
          reported = System.nanoTime();
        }
      }
      parser.get();
    });
    return chunk;
  }

  /** Work of this thread that waits on tasks of a pool. */
  @FunctionalInterface
  private interface PoolWork {
    void run() throws InterruptedException, ExecutionException;
  }

  /**
   * Runs {@code work}, then reports the whole file read; rethrows a task's failure as it was
   * thrown; always stops the pool (interrupting a task still running, after a failure).
   */
  private static void onPool(ExecutorService pool, Options options, long total, PoolWork work) {
    try {
      work.run();
      if (options.progress != null) {
        options.progress.progress(total, total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading", e);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static final java.util.concurrent.ThreadFactory CSV_THREADS =
      r -> {
        Thread t = new Thread(r, "crmkit-csv");
        t.setDaemon(true);
        return t;
      };

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  private static MalformedRowException exception(
      String source, long linesBefore, CsvChunk.BadRow bad) {
    return new MalformedRowException(
        source, linesBefore + bad.localLine(), bad.field(), bad.value(), bad.problem(), bad.lineText());
  }

  private static void parse(List<CsvChunk> parts, Options options, AtomicLong done, long total) {
    if (parts.size() == 1) {
      parts.get(0).parse();
      if (options.progress != null) {
        options.progress.progress(total, total);
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parts.size(), options.threads), CSV_THREADS);
    onPool(pool, options, total, () -> {
      List<Future<CsvChunk>> futures = new ArrayList<>();
      for (CsvChunk part : parts) {
        futures.add(pool.submit(part::parse));
      }
      for (Future<CsvChunk> future : futures) {
        while (true) {
          try {
            future.get(200, TimeUnit.MILLISECONDS);
            break;
          } catch (TimeoutException e) {
            if (options.progress != null) {
              options.progress.progress(done.get(), total);
            }
          }
        }
      }
    });
  }

  /** Concatenates the chunks column by column, freeing each as it goes to bound peak memory. */
  private static TransactionLog merge(List<CsvChunk> parts) {
    long total = 0;
    for (CsvChunk part : parts) {
      total += part.rows;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "the file has " + total + " rows; a transaction log holds at most " + (Integer.MAX_VALUE - 8));
    }
    int n = (int) total;
    ByteKeyDictionary customers = parts.get(0).customers;
    ByteKeyDictionary categories = parts.get(0).categories;
    int[][] customerMaps = customerMaps(parts);
    int[][] categoryMaps = categoryMaps(parts);
    // the chunks' dictionaries are merged: free them before the columns are copied
    for (CsvChunk part : parts) {
      part.releaseDictionaries();
    }
    customers.freeLookup();
    // column by column, each chunk's column freed once copied: peak memory stays near one copy
    int[] customer = concat(parts, n, p -> p.customer, p -> p.customer = null, customerMaps);
    int[] day = concat(parts, n, p -> p.day, p -> p.day = null, null);
    double[] amount = concat(parts, n, p -> p.amount, p -> p.amount = null);
    int[] category = parts.get(0).category == null
        ? null
        : concat(parts, n, p -> p.category, p -> p.category = null, categoryMaps);
    double[] discount = parts.get(0).discount == null
        ? null
        : concat(parts, n, p -> p.discount, p -> p.discount = null);
    return new TransactionLog(
        customers.keys(), customer, day, amount, categories.keys(), category, discount,
        scale(parts));
  }

  /** The amounts' decimal scale over all chunks (unknown when any chunk's is). */
  static int scale(List<CsvChunk> parts) {
    int scale = 0;
    for (CsvChunk part : parts) {
      scale =
          part.scale == TransactionLog.UNKNOWN_SCALE || scale == TransactionLog.UNKNOWN_SCALE
              ? TransactionLog.UNKNOWN_SCALE
              : Math.max(scale, part.scale);
    }
    return scale;
  }

  /**
   * Per chunk after the first, the code in the first chunk's customer dictionary (which becomes
   * the whole file's, in order of first appearance) of each of its customer codes; null for the
   * first chunk.
   */
  private static int[][] customerMaps(List<CsvChunk> parts) {
    int[][] maps = new int[parts.size()][];
    ByteKeyDictionary customers = parts.get(0).customers;
    for (int k = 1; k < parts.size(); k++) {
      maps[k] = customers.internAll(parts.get(k).customers);
    }
    return maps;
  }

  /** As {@link #customerMaps}, for the category dictionaries. */
  private static int[][] categoryMaps(List<CsvChunk> parts) {
    int[][] maps = new int[parts.size()][];
    ByteKeyDictionary categories = parts.get(0).categories;
    for (int k = 1; k < parts.size(); k++) {
      CsvChunk part = parts.get(k);
      maps[k] = new int[part.categories.size()];
      for (int i = 0; i < maps[k].length; i++) {
        maps[k][i] = categories.intern(part.categories, i);
      }
    }
    return maps;
  }

  /** The chunks' int column end to end, codes mapped through each chunk's map (null maps: as is). */
  private static int[] concat(List<CsvChunk> parts, int n, Function<CsvChunk, int[]> column,
      Consumer<CsvChunk> free, int[][] maps) {
    int[] out = new int[n];
    int offset = 0;
    for (int k = 0; k < parts.size(); k++) {
      CsvChunk part = parts.get(k);
      copyMapped(column.apply(part), part.rows, maps == null ? null : maps[k], out, offset);
      free.accept(part);
      offset += part.rows;
    }
    return out;
  }

  /** The chunks' double column end to end. */
  private static double[] concat(List<CsvChunk> parts, int n, Function<CsvChunk, double[]> column,
      Consumer<CsvChunk> free) {
    double[] out = new double[n];
    int offset = 0;
    for (CsvChunk part : parts) {
      System.arraycopy(column.apply(part), 0, out, offset, part.rows);
      free.accept(part);
      offset += part.rows;
    }
    return out;
  }

  private static void copyMapped(int[] from, int rows, int[] map, int[] to, int offset) {
    if (map == null) {
      System.arraycopy(from, 0, to, offset, rows);
      return;
    }
    for (int i = 0; i < rows; i++) {
      int v = from[i];
      to[offset + i] = v < 0 ? v : map[v];
    }
  }

  /** The number of rows guessed from the line lengths of the first 64 KB of data. */
  private static long estimateRows(Path path, long dataStart, long dataBytes) {
    byte[] sample = new byte[(int) Math.min(dataBytes, 1 << 16)];
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(sample);
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path)) {
      while (buffer.hasRemaining() && channel.read(buffer, dataStart + buffer.position()) >= 0) {
        // read until the sample is full or the file ends
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return CsvChunk.estimateRows(sample, 0, buffer.position(), dataBytes);
  }

  private static byte[] headerLine(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buf = new byte[256];
      int n = 0;
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, n * 2);
        }
        buf[n++] = (byte) c;
      }
      return Arrays.copyOf(buf, n);
    }
  }

  private static CsvChunk.Layout layout(String source, String header, char delimiter) {
    if (header.isEmpty()) {
      throw new MalformedRowException(
          source, 1, null, null,
          "is empty; expected a header with at least " + CUSTOMER_ID + "," + DATE + "," + AMOUNT,
          null);
    }
    List<String> names = new ArrayList<>();
    for (String name : header.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1)) {
      String n = name.strip();
      if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
        n = n.substring(1, n.length() - 1).strip();
      }
      names.add(n.toLowerCase(Locale.ROOT));
    }
    int customer = column(source, header, names, CUSTOMER_ID, true);
    int date = column(source, header, names, DATE, true);
    int amount = column(source, header, names, AMOUNT, true);
    int category = column(source, header, names, CATEGORY, false);
    int discount = column(source, header, names, DISCOUNT_SHARE, false);
    int max = Math.max(Math.max(customer, date), Math.max(amount, Math.max(category, discount)));
    return new CsvChunk.Layout(customer, date, amount, category, discount, max);
  }

  private static int column(
      String source, String header, List<String> names, String name, boolean required) {
    int index = names.indexOf(name);
    if (index >= 0 && names.lastIndexOf(name) != index) {
      throw new MalformedRowException(
          source, 1, name, null, "appears twice in the header", header);
    }
    if (index < 0 && required) {
      throw new MalformedRowException(
          source, 1, name, null,
          "is missing from the header; expected at least " + CUSTOMER_ID + "," + DATE + ","
              + AMOUNT + (header.indexOf(',') < 0 && header.indexOf(';') >= 0
                  ? " (the header has ';' between names: is the delimiter ';'?)" : ""),
          header);
    }
    return index;
  }

  /** Receives the progress of a long read, on the caller's thread. */
  @FunctionalInterface
  public interface ProgressListener {
    void progress(long bytesRead, long bytesTotal);
  }

  /**
   * What a read produced.
   *
   * @param log the rows that were read
   * @param skippedRows the number of malformed rows skipped (0 unless skipping bad rows)
   * @param skippedExamples the first few skipped rows, in file order, with their problem
   * @param returnRows the rows with a negative amount that were netted or dropped
   * @param returns the return policy they were read under
   */
  public record Result(
      TransactionLog log, long skippedRows, List<MalformedRowException> skippedExamples,
      long returnRows, ReturnPolicy returns) {
    public Result {
      requireNonNull(log, "log");
      requireNonNull(returns, "returns");
      skippedExamples = List.copyOf(skippedExamples);
    }

    /** A result without returns counted (net policy). */
    public Result(TransactionLog log, long skippedRows, List<MalformedRowException> skippedExamples) {
      this(log, skippedRows, skippedExamples, 0, ReturnPolicy.NET);
    }
  }

  /**
   * What {@link #summarize} produced.
   *
   * @param summary the customer summary as of the date
   * @param rows the number of rows read (the valid ones, later than the as-of date too)
   * @param skippedRows the number of malformed rows skipped (0 unless skipping bad rows)
   * @param skippedExamples the first few skipped rows, in file order, with their problem
   * @param returnRows the rows with a negative amount that were netted or dropped
   * @param returns the return policy they were read under
   */
  public record SummaryResult(
      CustomerSummary summary, long rows, long skippedRows,
      List<MalformedRowException> skippedExamples, long returnRows, ReturnPolicy returns) {
    public SummaryResult {
      requireNonNull(summary, "summary");
      requireNonNull(returns, "returns");
      skippedExamples = List.copyOf(skippedExamples);
    }

    /** A result without returns counted (net policy). */
    public SummaryResult(
        CustomerSummary summary, long rows, long skippedRows,
        List<MalformedRowException> skippedExamples) {
      this(summary, rows, skippedRows, skippedExamples, 0, ReturnPolicy.NET);
    }
  }

  /**
   * Read options; immutable, each {@code with} method checks its value at once.
   *
   * <pre>{@code
   * Options options = Options.defaults().datePattern("MM/dd/yyyy").skipBadRows(true);
   * }</pre>
   */
  public static final class Options implements Cloneable {
    private String datePattern;
    private boolean skipBadRows;
    private int threads;
    private @Nullable ProgressListener progress;
    private char delimiter = ',';
    private char decimalSeparator = '.';
    private ReturnPolicy returns = ReturnPolicy.NET;
    private boolean categories = true;

    private Options(String datePattern, boolean skipBadRows, int threads, ProgressListener progress) {
      this.datePattern = datePattern;
      this.skipBadRows = skipBadRows;
      this.threads = threads;
      this.progress = progress;
    }

    private Options copy() {
      try {
        return (Options) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    /**
     * ISO dates, stop at the first bad row, one thread per available processor, comma
     * delimiter, decimal point, returns netted ({@link ReturnPolicy#NET}).
     */
    public static Options defaults() {
      return new Options(null, false, Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * Dates in this {@link DateTimeFormatter} pattern (for example {@code dd.MM.yyyy}), read
     * strictly: {@code 31.02.2024} is an error, not the 29th. A pattern with a time part (such
     * as {@code M/d/yyyy H:mm}) reads date-times and keeps their day. Null restores ISO dates
     * (which also read an ISO date-time such as {@code 2010-12-01 08:26:00}, keeping its day).
     *
     * @throws IllegalArgumentException when the pattern is not valid
     */
    public Options datePattern(String pattern) {
      if (pattern != null) {
        formatter(pattern);
      }
      Options o = copy();
      o.datePattern = pattern;
      return o;
    }

    /** Whether malformed rows are skipped and counted instead of stopping the read. */
    public Options skipBadRows(boolean skip) {
      Options o = copy();
      o.skipBadRows = skip;
      return o;
    }

    /** How many threads parse the file (at least 1). */
    public Options threads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("threads: " + count + " must be at least 1");
      }
      Options o = copy();
      o.threads = count;
      return o;
    }

    /** A listener told of the progress of a long read (null for none). */
    public Options progress(@Nullable ProgressListener listener) {
      Options o = copy();
      o.progress = listener;
      return o;
    }

    /**
     * The field delimiter (default {@code ,}; {@code ;} and tab are common).
     *
     * @throws IllegalArgumentException for a quote, a line break or a non-ASCII character
     */
    public Options delimiter(char delimiter) {
      if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter > 127) {
        throw new IllegalArgumentException(
            "delimiter: '" + delimiter + "' cannot separate fields; use an ASCII character such as , ; or tab");
      }
      Options o = copy();
      o.delimiter = delimiter;
      return o;
    }

    /**
     * The decimal separator of amounts and discount shares: {@code .} (default) or {@code ,}.
     * With {@code ,} a {@code .} before it groups thousands ({@code 1.234,50}); with the comma
     * also the delimiter, such amounts must be quoted.
     *
     * @throws IllegalArgumentException for any other character
     */
    public Options decimalSeparator(char separator) {
      if (separator != '.' && separator != ',') {
        throw new IllegalArgumentException(
            "decimalSeparator: '" + separator + "' is not a decimal separator; expected . or ,");
      }
      Options o = copy();
      o.decimalSeparator = separator;
      return o;
    }

    /** What to do with rows whose amount is negative (default {@link ReturnPolicy#NET}). */
    public Options returns(ReturnPolicy policy) {
      Options o = copy();
      o.returns = requireNonNull(policy, "returns");
      return o;
    }

    /**
     * Whether the {@code category} column is read (default yes). A caller that needs no
     * category totals (RFM, ABC) saves the parsing of a wide column of product descriptions.
     */
    public Options categories(boolean read) {
      Options o = copy();
      o.categories = read;
      return o;
    }

    public boolean categories() {
      return categories;
    }

    public char delimiter() {
      return delimiter;
    }

    public char decimalSeparator() {
      return decimalSeparator;
    }

    public ReturnPolicy returns() {
      return returns;
    }

    public String datePattern() {
      return datePattern;
    }

    public boolean skipBadRows() {
      return skipBadRows;
    }

    public int threads() {
      return threads;
    }

    /** The progress listener, or null for none. */
    public @Nullable ProgressListener progress() {
      return progress;
    }

    DateTimeFormatter dateFormatter() {
      return datePattern == null ? null : formatter(datePattern);
    }

    private static DateTimeFormatter formatter(String pattern) {
      // with STRICT resolving, 'yyyy' (year of era) needs an era; 'uuuu' is the same years
      String strictPattern =
          pattern.indexOf('G') < 0 && pattern.indexOf('\'') < 0 ? pattern.replace('y', 'u') : pattern;
      try {
        return DateTimeFormatter.ofPattern(strictPattern, Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "datePattern: '" + pattern + "' is not a valid java.time pattern: " + e.getMessage(), e);
      }
    }
  }
}
