package dev.crmkit.bench.loyalty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a loyalty program and a year of its events (JSON Lines, sorted by time) for {@code crm
 * loyalty replay}, so that anyone can rerun the replay figures of docs/benchmarks-loyalty.md:
 *
 * <pre>
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.loyalty.LoyaltyEventsGenerator /tmp/loy [events] [members] [seed]
 * </pre>
 *
 * writes {@code program.json} and {@code events.jsonl} into the directory (default 1,000,000
 * events, 20,000 members, seed 19; the same arguments give the same bytes). The mix, like a
 * coffee chain's year: each member registers once (a welcome bonus), then about 78 % purchases of
 * one to three lines (coffee earns double), 15 % redemptions sized to what the member probably
 * holds (a few ask for more and are refused), 4 % returns of one of the member's own recent orders,
 * 3 % birthday and survey events. Points expire 180 days after they are earned, so members who stop
 * buying have lots written off during the replay, and at the end.
 */
public final class LoyaltyEventsGenerator {

  static final String PROGRAM = """
      {"id": "coffee-chain", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": 0,
       "expiry": {"policy": "after-days", "days": 180}, "returnPolicy": "within-balance",
       "pointValue": "0.01",
       "rules": [
         {"id": "welcome", "type": "event", "event": "registration", "points": "50",
          "limit": {"count": 1, "per": "lifetime"}},
         {"id": "birthday", "type": "event", "event": "birthday", "points": "100",
          "limit": {"count": 1, "per": "year"}},
         {"id": "survey", "type": "event", "event": "survey-answered", "points": "20"},
         {"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down",
          "categoryMultipliers": {"coffee": "2"}, "excludedSkus": ["GIFT-CARD"]}
       ],
       "rewards": [{"id": "free-coffee", "points": 60}, {"id": "free-cake", "points": 90}]}
      """;

  private static final String[][] SKUS = {
    {"ESP", "coffee", "2.40"}, {"CAP", "coffee", "3.60"}, {"LAT", "coffee", "3.90"}, {"FLT", "coffee", "4.10"},
    {"CAKE", "food", "4.50"}, {"CROI", "food", "2.80"}, {"SAND", "food", "6.90"}, {"BEANS", "beans", "14.90"},
    {"GIFT-CARD", "gift", "25.00"}
  };

  private LoyaltyEventsGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 4) {
      System.err.println("usage: LoyaltyEventsGenerator OUTPUT-DIR [events (1000000)] [members (20000)] [seed (19)]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long events = args.length > 1 ? positive("events", args[1]) : 1_000_000;
    int members = (int) (args.length > 2 ? positive("members", args[2]) : 20_000);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 19;
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("program.json"), PROGRAM);
    Path file = dir.resolve("events.jsonl");
    write(file, events, members, seed);
    System.out.printf("wrote %s (%d events, %d members, %d bytes) and %s%n", file, events, members, Files.size(file),
        dir.resolve("program.json"));
  }

  private static long positive(String what, String text) {
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": '" + text + "' is not a whole number");
    }
    long max = what.equals("members") ? 10_000_000 : Long.MAX_VALUE;
    if (v < 1 || v > max) {
      throw new IllegalArgumentException(what + ": " + v + " must be from 1 to " + max);
    }
    return v;
  }

  /** Writes {@code events} lines for {@code members} members over the year 2026. */
  static void write(Path file, long events, int members, long seed) throws IOException {
    Random random = new Random(seed);
    // per member: registered yet, estimated points held, the last three order ids and their totals
    boolean[] registered = new boolean[members];
    long[] points = new long[members];
    long[][] orders = new long[members][3];
    long[] order = new long[1];
    Instant start = Instant.parse("2026-01-01T06:00:00Z");
    long year = 365L * 86_400;
    StringBuilder sb = new StringBuilder(512);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < events; i++) {
        // evenly spread over the year, to the second (with more events than seconds, some share a time)
        Instant t = start.plusSeconds(year * i / events);
        // a skewed pick: a third of the members make two thirds of the visits
        int m = random.nextInt(3) < 2 ? random.nextInt(Math.max(1, members / 3)) : random.nextInt(members);
        sb.setLength(0);
        sb.append("{\"time\": \"").append(t).append("\", \"member\": \"M").append(m).append("\", \"key\": \"e")
            .append(i).append("\", \"type\": ");
        int kind = random.nextInt(100);
        if (!registered[m]) {
          registered[m] = true;
          points[m] += 50;
          sb.append("\"event\", \"event\": \"registration\", \"reference\": \"signup\"}");
        } else if (kind < 78) {
          long id = ++order[0];
          int lines = 1 + random.nextInt(3);
          sb.append("\"purchase\", \"order\": \"O").append(id).append("\", \"lines\": [");
          long earned = 0;
          for (int l = 0; l < lines; l++) {
            String[] sku = SKUS[random.nextInt(random.nextInt(10) == 0 ? SKUS.length : SKUS.length - 1)];
            int quantity = 1 + (random.nextInt(5) == 0 ? 1 : 0);
            if (l > 0) {
              sb.append(", ");
            }
            long cents = Math.round(Double.parseDouble(sku[2]) * 100) * quantity;
            sb.append("{\"sku\": \"").append(sku[0]).append("\", \"category\": \"").append(sku[1])
                .append("\", \"quantity\": ").append(quantity).append(", \"paid\": \"").append(cents / 100).append('.')
                .append(String.format("%02d", cents % 100)).append("\"}");
            if (!sku[0].equals("GIFT-CARD")) {
              earned += cents * (sku[1].equals("coffee") ? 2 : 1);
            }
          }
          sb.append("]}");
          points[m] += earned / 100;
          orders[m][(int) (id % 3)] = id;
        } else if (kind < 93) {
          // what the member probably holds; one in ten asks for more than that (refused)
          long ask = random.nextInt(10) == 0 ? points[m] + 1 + random.nextInt(50) : Math.min(points[m], 20 + random.nextInt(80));
          if (ask < 1) {
            ask = 1 + random.nextInt(20);
          }
          if (random.nextBoolean() && points[m] >= 60) {
            sb.append("\"reward\", \"reward\": \"free-coffee\", \"reference\": \"till-").append(i).append("\"}");
            points[m] -= 60;
          } else {
            sb.append("\"redeem\", \"points\": ").append(ask).append(", \"reference\": \"pay-").append(i).append("\"}");
            points[m] = Math.max(0, points[m] - ask);
          }
        } else if (kind < 97) {
          long id = orders[m][random.nextInt(3)];
          if (id == 0) {
            id = order[0] == 0 ? 1 : order[0]; // a return of an order that is not the member's: refused
          }
          sb.append("\"return\", \"return\": \"R").append(i).append("\", \"order\": \"O").append(id)
              .append("\", \"refunded\": \"").append(1 + random.nextInt(4)).append(".00\"}");
        } else if (kind < 98) {
          sb.append("\"event\", \"event\": \"birthday\", \"reference\": \"bday-").append(t.toString(), 0, 4).append("\"}");
          points[m] += 100;
        } else {
          sb.append("\"event\", \"event\": \"survey-answered\", \"reference\": \"survey-").append(i).append("\"}");
          points[m] += 20;
        }
        sb.append('\n');
        w.append(sb);
      }
    }
  }
}
