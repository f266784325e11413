package dev.crmkit.loyalty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/** Generated event files for replay tests: purchases, redemptions (some refused), returns, reservations, bad lines. */
final class ReplayFiles {
  private ReplayFiles() {}

  /** The program the files are made for. */
  static LoyaltyProgram program() {
    return Programs.simple("within-balance");
  }

  /** Writes {@code events} lines (sorted by time) for {@code members} members; the same seed gives the same file. */
  static Path write(Path file, int events, int members, long seed) {
    Random random = new Random(seed);
    Instant t = Instant.parse("2026-01-01T08:00:00Z");
    try (Writer w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < events; i++) {
        t = t.plusSeconds(random.nextInt(3) * 60L); // ties too
        String member = "m" + random.nextInt(members);
        String head = "{\"time\": \"" + t + "\", \"member\": \"" + member + "\", \"key\": \"k" + i + "\", ";
        int kind = random.nextInt(20);
        String line;
        if (i % 397 == 396) {
          line = "{\"time\": \"" + t + "\", \"member\": \"" + member + "\", bad json";
        } else if (kind < 12 || i < members) {
          line = head + "\"type\": \"purchase\", \"order\": \"O" + i + "\", \"lines\": [{\"sku\": \"S\", \"category\": \"c\","
              + " \"quantity\": 1, \"paid\": \"" + (5 + random.nextInt(40)) + ".50\"}]}";
        } else if (kind < 16) {
          // some ask for more than the member has: refused, skipped, recorded as refused
          line = head + "\"type\": \"redeem\", \"points\": " + (5 + random.nextInt(60)) + ", \"reference\": \"gift" + i + "\"}";
        } else if (kind < 18) {
          line = head + "\"type\": \"return\", \"return\": \"R" + i + "\", \"order\": \"O" + random.nextInt(i + 1)
              + "\", \"refunded\": \"" + (1 + random.nextInt(5)) + "\"}";
        } else {
          line = head + "\"type\": \"reserve\", \"points\": " + (1 + random.nextInt(10)) + ", \"reference\": \"cart" + i + "\"}";
          w.write(line);
          w.write('\n');
          i++;
          String settle = random.nextBoolean() ? "rollback" : "confirm";
          line = "{\"time\": \"" + t + "\", \"member\": \"" + member + "\", \"key\": \"k" + i + "\", \"type\": \""
              + settle + "\", \"reservation\": \"k" + (i - 1) + "\"}";
        }
        w.write(line);
        w.write('\n');
        if (i % 1000 == 999) {
          w.write('\n'); // a blank line now and then
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
