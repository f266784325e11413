package dev.crmkit.scoring.table;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Parses the lines that start in one byte range of a transaction CSV. Reading a log, it fills
 * its own dictionaries and columns ({@link TransactionLogCsv} runs one per core and concatenates
 * them); summarising, it hands its valid rows in {@link RowBatch}es to a {@link
 * SummaryAggregator}, usually on another thread.
 *
 * <p>Valid rows wait in a batch: its customer ids are interned together ({@link
 * ByteKeyDictionary#internAll}), so that the CPU waits for main memory once per batch rather
 * than once per row.
 */
final class CsvChunk {

  static final int MAX_EXAMPLES = 10;
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int BUFFER = 1 << 20;
  private static final int MAX_LINE_TEXT = 200;
  private static final double[] POW10 = new double[23];
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  /** Where the columns are, from the header. */
  record Layout(
      int customerCol, int dateCol, int amountCol, int categoryCol, int discountCol, int maxCol) {}

  /** A bad row seen in this chunk, with its line number counted from the chunk's start. */
  record BadRow(long localLine, String field, String value, String problem, String lineText) {}

  private final Path path;
  private final long from;
  private final long to;
  private final boolean firstChunk;
  private final Layout layout;
  private final DateTimeFormatter dateFormat; // null: ISO yyyy-MM-dd fast path
  private final String dateExpectation;
  private final boolean skipBadRows;
  private final AtomicLong bytesDone;
  private final byte delimiter;
  private final boolean decimalComma;
  private final ReturnPolicy returns;

  // results: the rows read (valid ones, after the as-of date too) and, reading a log, the columns
  int rows;
  int[] customer;
  int[] day;
  double[] amount;
  int[] category;
  double[] discount;
  ByteKeyDictionary customers;
  ByteKeyDictionary categories = new ByteKeyDictionary(16);
  long lines;
  long skipped;
  long returnRows; // netted or dropped
  final List<BadRow> examples = new ArrayList<>();
  BadRow failure;
  int scale;
  // where full batches go: this chunk's own columns (reading a log) or an aggregator
  // (summarising), which hands back an empty batch
  private final BatchHandoff handoff;
  private final boolean ownColumns;
  private RowBatch batch = new RowBatch();

  // the fields of the current line
  private final int[] fieldStart;
  private final int[] fieldEnd;
  private final boolean[] fieldEscaped;
  private byte[] scratch = new byte[64];
  private long reported;
  private long lastDateHead = -1;
  private int lastDateTail = -1;
  private int lastDate;

  CsvChunk(
      Path path,
      long from,
      long to,
      boolean firstChunk,
      Layout layout,
      DateTimeFormatter dateFormat,
      String dateExpectation,
      boolean skipBadRows,
      AtomicLong bytesDone,
      BatchHandoff handoff,
      TransactionLogCsv.Options options) {
    this.path = path;
    this.delimiter = (byte) options.delimiter();
    this.decimalComma = options.decimalSeparator() == ',';
    this.returns = options.returns();
    this.from = from;
    this.to = to;
    this.firstChunk = firstChunk;
    this.layout = layout;
    this.dateFormat = dateFormat;
    this.dateExpectation = dateExpectation;
    this.skipBadRows = skipBadRows;
    this.bytesDone = bytesDone;
    this.ownColumns = handoff == null;
    this.handoff = ownColumns ? this::store : handoff;
    this.fieldStart = new int[layout.maxCol() + 1];
    this.fieldEnd = new int[layout.maxCol() + 1];
    this.fieldEscaped = new boolean[layout.maxCol() + 1];
  }

  void releaseDictionaries() {
    customers = null;
    categories = null;
  }

  /** Receives the full batches of a parse, in order (and the last, maybe not full). */
  interface BatchHandoff {
    /**
     * Takes a full batch (or the last one) and returns an empty one to fill next.
     *
     * @throws InterruptedException when the reader is cancelled
     */
    RowBatch handOff(RowBatch full) throws InterruptedException;
  }

  CsvChunk parse() {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      run(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return this;
  }

  private void run(FileChannel channel) throws IOException {
    byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(64, to - from + 1))];
    // the first chunk starts at a line start; the others skip the line that began before them
    long base = firstChunk ? from : from - 1;
    int len = fill(channel, buf, 0, base);
    boolean eof = len < buf.length;
    int p = 0;
    if (!firstChunk) {
      while (true) {
        int nl = indexOfNewline(buf, p, len);
        if (nl >= 0) {
          p = nl + 1;
          break;
        }
        if (eof) {
          p = len;
          break;
        }
        base += len;
        p = 0;
        len = fill(channel, buf, 0, base);
        eof = len < buf.length;
      }
    }
    allocate(buf, p, len);
    while (true) {
      if (base + p >= to || (eof && p >= len)) {
        break;
      }
      int nl = indexOfNewline(buf, p, len);
      if (nl < 0 && !eof) {
        // the line continues past the buffer: move it to the front and read more
        int rest = len - p;
        if (rest == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        } else {
          System.arraycopy(buf, p, buf, 0, rest);
        }
        base += p;
        report(base);
        p = 0;
        int read = fill(channel, buf, rest, base + rest);
        len = rest + read;
        eof = len < buf.length;
        continue;
      }
      int end = nl < 0 ? len : nl;
      lines++;
      if (!line(buf, p, end)) {
        break;
      }
      p = nl < 0 ? len : nl + 1;
    }
    batch.last = true;
    handOff();
    report(to);
    // no trim: the merge copies just the rows, and a trim would double each column for a moment
  }

  private void report(long position) {
    long done = Math.min(position, to) - from;
    if (done > reported) {
      bytesDone.addAndGet(done - reported);
      reported = done;
    }
  }

  private static int fill(FileChannel channel, byte[] buf, int off, long position)
      throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, off, buf.length - off);
    int total = off;
    long pos = position;
    while (bb.hasRemaining()) {
      int n = channel.read(bb, pos);
      if (n < 0) {
        break;
      }
      pos += n;
    }
    total = bb.position();
    return total - off;
  }

  private static int indexOfNewline(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Sizes the columns from the line length seen in the first buffer, so they rarely grow. */
  private void allocate(byte[] buf, int p, int len) {
    long estimate = estimateRows(buf, p, len, to - from);
    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, estimate));
    if (!ownColumns) {
      return; // the aggregator keeps the dictionary
    }
    // sized for one customer per 8 rows: a big file then rehashes at most once or twice, since
    // each rehash holds the old and new table at once
    customers = new ByteKeyDictionary(Math.max(1024, capacity / 8));
    customer = new int[capacity];
    day = new int[capacity];
    amount = new double[capacity];
    category = layout.categoryCol() >= 0 ? new int[capacity] : null;
    discount = layout.discountCol() >= 0 ? new double[capacity] : null;
  }

  /**
   * The rows in {@code bytes} of a file guessed from the line lengths of a sample of it, {@code
   * sample[from .. to)}; a little over, so that the arrays it sizes rarely grow (growing briefly
   * holds two copies).
   */
  static long estimateRows(byte[] sample, int from, int to, long bytes) {
    int newlines = 0;
    for (int i = from; i < to; i++) {
      if (sample[i] == '\n') {
        newlines++;
      }
    }
    return newlines == 0 ? 1024 : (long) (bytes / ((double) (to - from) / newlines) * 1.05) + 1024;
  }

  /**
   * The next capacity of an array of {@code length} that must hold {@code needed}: a quarter more
   * at least, at most the largest array.
   *
   * @throws IllegalStateException with {@code tooMany} when {@code needed} is beyond that
   */
  static int grown(int length, int needed, String tooMany) {
    long next = Math.max((long) length + (length >> 2) + 16, needed);
    if (next > Integer.MAX_VALUE - 8) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException(tooMany);
      }
      next = Integer.MAX_VALUE - 8;
    }
    return (int) next;
  }

  private void grow(int needed) {
    int capacity = grown(customer.length, needed, "more rows than a transaction log can hold");
    customer = Arrays.copyOf(customer, capacity);
    day = Arrays.copyOf(day, capacity);
    amount = Arrays.copyOf(amount, capacity);
    if (category != null) {
      category = Arrays.copyOf(category, capacity);
    }
    if (discount != null) {
      discount = Arrays.copyOf(discount, capacity);
    }
  }

  /** Parses one line; returns false when the chunk must stop (a bad row, not skipping). */
  private boolean line(byte[] b, int start, int end) {
    if (end > start && b[end - 1] == '\r') {
      end--;
    }
    if (end == start) {
      return true; // a blank line holds no row
    }
    try {
      row(b, start, end);
      return true;
    } catch (RowError e) {
      BadRow bad = new BadRow(lines, e.field, e.value, e.problem, lineText(b, start, end));
      if (!skipBadRows) {
        failure = bad;
        return false;
      }
      skipped++;
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(bad);
      }
      return true;
    }
  }

  private static String lineText(byte[] b, int start, int end) {
    String text = new String(b, start, Math.min(end - start, MAX_LINE_TEXT * 4), StandardCharsets.UTF_8);
    return text.length() > MAX_LINE_TEXT ? text.substring(0, MAX_LINE_TEXT) + "..." : text;
  }

  private void row(byte[] b, int start, int end) {
    int maxCol = layout.maxCol();
    int f = 0;
    int i = start;
    while (f <= maxCol) {
      int fs = i;
      int fe;
      boolean escaped = false;
      if (i < end && b[i] == '"') {
        i++;
        fs = i;
        while (true) {
          if (i >= end) {
            throw new RowError(null, null, "has a quote that is not closed");
          }
          if (b[i] == '"') {
            if (i + 1 < end && b[i + 1] == '"') {
              escaped = true;
              i += 2;
              continue;
            }
            break;
          }
          i++;
        }
        fe = i;
        i++;
        if (i < end && b[i] != delimiter) {
          throw new RowError(null, null, "has text after a closing quote");
        }
      } else {
        byte sep = delimiter;
        while (i < end && b[i] != sep) {
          i++;
        }
        fe = i;
      }
      fieldStart[f] = fs;
      fieldEnd[f] = fe;
      fieldEscaped[f] = escaped;
      f++;
      if (i >= end) {
        break;
      }
      i++; // the delimiter
    }
    if (f <= maxCol) {
      throw new RowError(missingField(f), null, "is missing (the line has " + f + " fields)");
    }
    int c = layout.customerCol();
    if (fieldEnd[c] == fieldStart[c]) {
      throw new RowError(TransactionLogCsv.CUSTOMER_ID, "", "is empty");
    }
    int d = parseDate(b, fieldStart[layout.dateCol()], fieldEnd[layout.dateCol()]);
    double a = parseNumber(b, layout.amountCol(), TransactionLogCsv.AMOUNT, true);
    if (a < 0) {
      if (returns == ReturnPolicy.ERROR) {
        throw new RowError(TransactionLogCsv.AMOUNT, text(b, layout.amountCol()),
            "is negative (a return or cancellation), and the return policy is error"
                + " (net or drop accepts it)");
      }
      returnRows++;
      if (returns == ReturnPolicy.DROP) {
        // still checked above and below: a dropped return must be a well-formed row
        checkRest(b);
        return;
      }
    }
    int cat = TransactionLog.NO_CATEGORY;
    if (layout.categoryCol() >= 0) {
      int k = layout.categoryCol();
      if (fieldEnd[k] > fieldStart[k]) {
        cat = intern(categories, b, k);
      }
    }
    double share = Double.NaN;
    if (layout.discountCol() >= 0) {
      int k = layout.discountCol();
      if (fieldEnd[k] > fieldStart[k]) {
        share = parseNumber(b, k, TransactionLogCsv.DISCOUNT_SHARE, false);
        if (!(share >= 0 && share <= 1)) {
          throw new RowError(TransactionLogCsv.DISCOUNT_SHARE, text(b, k), "is not in [0, 1]");
        }
      }
    }
    // only now, with every field valid, does the row join the batch
    RowBatch into = batch;
    int keyFrom = into.reserveKey(fieldEnd[c] - fieldStart[c]);
    into.add(keyFrom + copyField(b, c, into.keys, keyFrom), d, a, cat, share);
    if (into.isFull()) {
      handOff();
    }
  }

  /** Checks the optional fields of a row that is left out. */
  private void checkRest(byte[] b) {
    if (layout.discountCol() >= 0) {
      int k = layout.discountCol();
      if (fieldEnd[k] > fieldStart[k]) {
        double share = parseNumber(b, k, TransactionLogCsv.DISCOUNT_SHARE, false);
        if (!(share >= 0 && share <= 1)) {
          throw new RowError(TransactionLogCsv.DISCOUNT_SHARE, text(b, k), "is not in [0, 1]");
        }
      }
    }
  }

  private void handOff() {
    int n = batch.rows;
    try {
      batch = handoff.handOff(batch);
      rows += n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the read was cancelled");
    }
  }

  /** Reading a log: interns the batch's customer ids and stores its rows in the columns. */
  private RowBatch store(RowBatch full) {
    int n = full.rows;
    customers.internAll(full.keys, full.keyStart, full.keyHash, n, full.code);
    if (rows + n > customer.length) {
      grow(rows + n);
    }
    System.arraycopy(full.code, 0, customer, rows, n);
    System.arraycopy(full.day, 0, day, rows, n);
    System.arraycopy(full.amount, 0, amount, rows, n);
    if (category != null) {
      System.arraycopy(full.category, 0, category, rows, n);
    }
    if (discount != null) {
      System.arraycopy(full.share, 0, discount, rows, n);
    }
    full.clear();
    return full;
  }

  private String missingField(int f) {
    String[] names = new String[layout.maxCol() + 1];
    names[layout.customerCol()] = TransactionLogCsv.CUSTOMER_ID;
    names[layout.dateCol()] = TransactionLogCsv.DATE;
    names[layout.amountCol()] = TransactionLogCsv.AMOUNT;
    if (layout.categoryCol() >= 0) {
      names[layout.categoryCol()] = TransactionLogCsv.CATEGORY;
    }
    if (layout.discountCol() >= 0) {
      names[layout.discountCol()] = TransactionLogCsv.DISCOUNT_SHARE;
    }
    for (int i = f; i < names.length; i++) {
      if (names[i] != null) {
        return names[i];
      }
    }
    return null;
  }

  private int intern(ByteKeyDictionary dictionary, byte[] b, int k) {
    int s = fieldStart[k];
    int e = fieldEnd[k];
    if (!fieldEscaped[k]) {
      return dictionary.intern(b, s, e - s);
    }
    if (scratch.length < e - s) {
      scratch = new byte[e - s];
    }
    return dictionary.intern(scratch, 0, copyField(b, k, scratch, 0));
  }

  /** Copies field {@code k}'s value ("" read as one quote) to {@code to}; returns its length. */
  private int copyField(byte[] b, int k, byte[] to, int at) {
    int s = fieldStart[k];
    int e = fieldEnd[k];
    if (!fieldEscaped[k]) {
      System.arraycopy(b, s, to, at, e - s);
      return e - s;
    }
    int n = at;
    for (int i = s; i < e; i++) {
      to[n++] = b[i];
      if (b[i] == '"') {
        i++; // "" stands for one quote
      }
    }
    return n - at;
  }

  private String text(byte[] b, int k) {
    String s = new String(b, fieldStart[k], fieldEnd[k] - fieldStart[k], StandardCharsets.UTF_8);
    return fieldEscaped[k] ? s.replace("\"\"", "\"") : s;
  }

  private int parseDate(byte[] b, int s, int e) {
    if (dateFormat != null) {
      String text = new String(b, s, e - s, StandardCharsets.UTF_8);
      try {
        return Math.toIntExact(LocalDate.parse(text, dateFormat).toEpochDay());
      } catch (DateTimeException | ArithmeticException ex) {
        throw new RowError(TransactionLogCsv.DATE, text, "is not a date " + dateExpectation);
      }
    }
    if (e - s > 10 && (b[s + 10] == ' ' || b[s + 10] == 'T') && timeOfDay(b, s + 11, e)) {
      e = s + 10; // an ISO date-time: its day
    }
    if (e - s == 10 && b[s + 4] == '-' && b[s + 7] == '-') {
      // files repeat dates (often in order): compare with the last one before parsing
      long head = (long) LONG.get(b, s);
      int tail = (b[s + 8] << 8) | b[s + 9];
      if (head == lastDateHead && tail == lastDateTail) {
        return lastDate;
      }
      int y = digits(b, s, 4);
      int m = digits(b, s + 5, 2);
      int d = digits(b, s + 8, 2);
      if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= monthLength(y, m)) {
        lastDateHead = head;
        lastDateTail = tail;
        lastDate = (int) epochDay(y, m, d);
        return lastDate;
      }
    }
    throw new RowError(
        TransactionLogCsv.DATE,
        new String(b, s, e - s, StandardCharsets.UTF_8),
        "is not a date " + dateExpectation);
  }

  /** Whether {@code b[s .. e)} looks like a time of day: HH:mm, HH:mm:ss, with fractions. */
  private static boolean timeOfDay(byte[] b, int s, int e) {
    if (e - s < 4 || e - s > 18) {
      return false;
    }
    int colons = 0;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c == ':') {
        colons++;
      } else if (!(c >= '0' && c <= '9') && c != '.') {
        return false;
      }
    }
    return colons >= 1 && colons <= 2;
  }

  private static int digits(byte[] b, int s, int n) {
    int v = 0;
    for (int i = s; i < s + n; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  static int monthLength(int y, int m) {
    switch (m) {
      case 2:
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days from 1970-01-01 of a valid proleptic Gregorian date (as LocalDate.toEpochDay). */
  static long epochDay(int y, int m, int d) {
    int yy = m <= 2 ? y - 1 : y;
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097L + doe - 719468;
  }

  private double parseNumber(byte[] b, int k, String field, boolean isAmount) {
    int s = fieldStart[k];
    int e = fieldEnd[k];
    int i = s;
    boolean negative = false;
    if (i < e && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    boolean fast = !fieldEscaped[k];
    for (; i < e && fast; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        if (++digits > 15) {
          fast = false;
        }
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == (decimalComma ? ',' : '.') && fraction < 0) {
        fraction = 0;
      } else if (decimalComma && c == '.' && fraction < 0 && digits > 0) {
        // a thousands separator (1.234,50): skipped
      } else {
        fast = false;
      }
    }
    if (fast && digits > 0) {
      int f = Math.max(fraction, 0);
      // both operands are exact doubles, so one division is correctly rounded
      double v = f == 0 ? mantissa : mantissa / POW10[f];
      if (isAmount) {
        noteScale(f);
      }
      return negative ? -v : v;
    }
    String text = text(b, k);
    String plain = decimalComma ? text.replace(".", "").replace(',', '.') : text;
    if (!DECIMAL.matcher(plain).matches()) {
      throw new RowError(field, text, "is not a decimal number"
          + (decimalComma ? " (with the decimal separator ',')" : ""));
    }
    BigDecimal exact = new BigDecimal(plain);
    double v = exact.doubleValue();
    if (!Double.isFinite(v)) {
      throw new RowError(field, text, "is out of the range of a double");
    }
    if (isAmount) {
      noteScale(Math.max(0, exact.stripTrailingZeros().scale()));
    }
    return v;
  }

  private void noteScale(int s) {
    if (scale != TransactionLog.UNKNOWN_SCALE && s > scale) {
      scale = s > TransactionLog.MAX_SCALE ? TransactionLog.UNKNOWN_SCALE : s;
    }
  }

  /** A bad field; thrown without a stack trace, since skipping bad rows may throw millions. */
  static final class RowError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String field;
    final String value;
    final String problem;

    RowError(String field, String value, String problem) {
      super(problem, null, false, false);
      this.field = field;
      this.value = value;
      this.problem = problem;
    }
  }
}
