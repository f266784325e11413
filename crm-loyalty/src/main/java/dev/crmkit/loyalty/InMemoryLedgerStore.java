package dev.crmkit.loyalty;

import dev.crmkit.core.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory adapter. Each member and each voucher series has its own lock; a write stages
 * its changes, claims its idempotency key, then publishes immutable lists, so a failure before
 * the claim leaves nothing behind.
 */
final class InMemoryLedgerStore extends LedgerStore {

  private static final class Member {
    final ReentrantLock lock = new ReentrantLock();
    volatile List<Entry> entries = List.of();
    volatile List<Hold> holds = List.of();
    /** Whether an operation under a key was recorded for the member (it may have no entries). */
    volatile boolean operated;
  }

  private static final class Series {
    final ReentrantLock lock = new ReentrantLock();
    volatile List<Hold> holds = List.of();
  }

  private record Operation(
      CustomerId member, String fingerprint, List<Entry> entries, List<Hold> holds) {}

  private final ConcurrentMap<CustomerId, Member> members = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Series> series = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Operation> operations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> codes = new ConcurrentHashMap<>();

  @Override
  public List<Entry> entries(CustomerId member) {
    Member m = members.get(member);
    return m == null ? List.of() : m.entries;
  }

  @Override
  public List<CustomerId> members() {
    return members.entrySet().stream()
        .filter(e -> e.getValue().operated || !e.getValue().entries.isEmpty() || !e.getValue().holds.isEmpty())
        .map(java.util.Map.Entry::getKey)
        .sorted()
        .toList();
  }

  @Override
  Applied apply(Write write) {
    Member member = members.computeIfAbsent(write.member(), id -> new Member());
    Series locked = write.series() == null ? null : series.computeIfAbsent(write.series(), id -> new Series());
    member.lock.lock();
    try {
      if (locked != null) {
        locked.lock.lock();
      }
      try {
        Applied earlier = replay(write);
        if (earlier != null) {
          return earlier;
        }
        View view = new View(member.entries, member.holds, locked == null ? List.of() : locked.holds);
        Changes changes = write.decide().apply(view);
        // stage everything; a failure here (see failPoint) leaves the published state untouched
        List<Entry> entries = new ArrayList<>(member.entries);
        for (Entry entry : changes.entries()) {
          failPoint.reached("entry");
          entries.add(entry);
        }
        List<Hold> memberHolds = new ArrayList<>(member.holds);
        List<Hold> seriesHolds = locked == null ? null : new ArrayList<>(locked.holds);
        for (Hold hold : changes.holds()) {
          failPoint.reached("hold");
          memberHolds.add(hold);
          if (seriesHolds != null && hold.series() != null) {
            seriesHolds.add(hold);
          }
        }
        if (write.key() != null) {
          Operation op =
              new Operation(write.member(), write.fingerprint(), keyed(changes.entries(), write.key()), changes.holds());
          if (operations.putIfAbsent(write.key(), op) != null) {
            // the same key won on another member meanwhile
            Applied other = replay(write);
            if (other != null) {
              return other;
            }
          }
        }
        member.entries = List.copyOf(entries);
        member.operated |= write.key() != null;
        member.holds = List.copyOf(memberHolds);
        if (locked != null) {
          locked.holds = List.copyOf(seriesHolds);
        }
        return new Applied(write.member(), keyed(changes.entries(), write.key()), changes.holds(), false);
      } finally {
        if (locked != null) {
          locked.lock.unlock();
        }
      }
    } finally {
      member.lock.unlock();
    }
  }

  private static List<Entry> keyed(List<Entry> entries, String key) {
    return key == null ? List.of() : entries.stream().filter(e -> key.equals(e.key())).toList();
  }

  private Applied replay(Write write) {
    if (write.key() == null) {
      return null;
    }
    Operation op = operations.get(write.key());
    if (op == null) {
      return null;
    }
    if (!op.fingerprint().equals(write.fingerprint())) {
      throw new IdempotencyConflictException(write.key());
    }
    return new Applied(op.member(), op.entries(), op.holds(), true);
  }

  @Override
  Optional<String> recordedFingerprint(String key) {
    Operation op = operations.get(key);
    return op == null ? Optional.empty() : Optional.of(op.fingerprint());
  }

  @Override
  Set<String> operationKeys(CustomerId member) {
    Set<String> keys = new HashSet<>();
    operations.forEach((key, op) -> {
      if (op.member().equals(member)) {
        keys.add(key);
      }
    });
    return keys;
  }

  @Override
  List<Hold> holds(CustomerId member) {
    Member m = members.get(member);
    return m == null ? List.of() : m.holds;
  }

  @Override
  Optional<String> codeSeries(String code) {
    return Optional.ofNullable(codes.get(code));
  }

  @Override
  int addCodes(String seriesId, List<String> newCodes, Instant at) {
    synchronized (codes) {
      for (String code : newCodes) {
        String owner = codes.get(code);
        if (owner != null && !owner.equals(seriesId)) {
          throw new LoyaltyException(
              "voucher code '" + code + "' already belongs to series '" + owner + "'");
        }
      }
      int added = 0;
      for (String code : newCodes) {
        if (codes.putIfAbsent(code, seriesId) == null) {
          added++;
        }
      }
      return added;
    }
  }

  @Override
  int codeCount(String seriesId) {
    return (int) codes.values().stream().filter(seriesId::equals).count();
  }
}
