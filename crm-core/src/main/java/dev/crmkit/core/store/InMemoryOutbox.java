package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.event.ListenerFailure;
import dev.crmkit.core.json.CrmJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outbox in memory: a queue and a parking list; one relay at a time. An event appended in a
 * transaction joins the queue when the transaction succeeds, so a failed use case sends nothing.
 */
final class InMemoryOutbox implements Outbox {

  private final Deque<DomainEvent> queue = new ArrayDeque<>();
  private final List<ParkedEvent> parked = new ArrayList<>();
  private final ReentrantLock relayLock = new ReentrantLock();
  private final ThreadLocal<Boolean> relaying = new ThreadLocal<>();
  private final ObjectMapper json = CrmJson.mapper();
  private final InMemoryTransactions transactions;
  private long parkedIds;

  InMemoryOutbox(InMemoryTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public void append(DomainEvent event) {
    notNull("event", event);
    transactions.onCommit(() -> {
      synchronized (this) {
        queue.addLast(event);
      }
    });
  }

  @Override
  public int relay(EventBus bus, int attempts, Instant now) {
    if (relaying.get() != null) {
      return 0;
    }
    int delivered = 0;
    relayLock.lock();
    relaying.set(Boolean.TRUE);
    try {
      while (true) {
        DomainEvent next;
        synchronized (this) {
          next = queue.peekFirst();
        }
        if (next == null) {
          return delivered;
        }
        List<ListenerFailure> failures = bus.publish(next, attempts);
        synchronized (this) {
          queue.pollFirst();
          for (ListenerFailure f : failures) {
            parked.add(new ParkedEvent(++parkedIds, f.listener(), next, describe(f.error()), now));
          }
        }
        delivered++;
      }
    } finally {
      relaying.remove();
      relayLock.unlock();
    }
  }

  @Override
  public synchronized long pending() {
    return queue.size();
  }

  @Override
  public synchronized List<ParkedEvent> parked() {
    return List.copyOf(parked);
  }

  @Override
  public int retryParked(EventBus bus, Instant now) {
    List<ParkedEvent> todo = parked();
    int delivered = 0;
    for (ParkedEvent p : todo) {
      Optional<ListenerFailure> failure = bus.publishTo(p.listener(), p.event());
      synchronized (this) {
        int at = parked.indexOf(p);
        if (at < 0) {
          continue;
        }
        if (failure.isEmpty()) {
          parked.remove(at);
          delivered++;
        } else {
          parked.set(at, new ParkedEvent(p.id(), p.listener(), p.event(),
              describe(failure.get().error()), now));
        }
      }
    }
    return delivered;
  }

  @Override
  public synchronized int redact(Collection<CustomerId> customerIds,
      Map<String, String> replacements) {
    notNull("replacements", replacements);
    Set<CustomerId> ids = new HashSet<>(notNull("customerIds", customerIds));
    // every redaction is computed before any is applied: all or nothing
    List<DomainEvent> events = new ArrayList<>(queue);
    List<DomainEvent> newQueue = new ArrayList<>();
    int changed = 0;
    for (DomainEvent e : events) {
      Optional<DomainEvent> redacted = ids.contains(e.customerId())
          ? redacted(e, replacements) : Optional.empty();
      newQueue.add(redacted.orElse(e));
      changed += redacted.isPresent() ? 1 : 0;
    }
    List<ParkedEvent> newParked = new ArrayList<>();
    for (ParkedEvent p : parked) {
      Optional<DomainEvent> redacted = ids.contains(p.event().customerId())
          ? redacted(p.event(), replacements) : Optional.empty();
      newParked.add(redacted.map(r -> new ParkedEvent(p.id(), p.listener(), r, p.error(),
          p.parkedAt())).orElse(p));
      changed += redacted.isPresent() ? 1 : 0;
    }
    queue.clear();
    queue.addAll(newQueue);
    parked.clear();
    parked.addAll(newParked);
    return changed;
  }

  private Optional<DomainEvent> redacted(DomainEvent e, Map<String, String> replacements) {
    JsonNode tree = json.valueToTree(e);
    if (!JsonRedaction.redact(tree, replacements)) {
      return Optional.empty();
    }
    return Optional.of(readRedacted(json, tree, e.getClass().getSimpleName()));
  }

  /** The redacted event, or why the replacements cannot stand in it. */
  static DomainEvent readRedacted(ObjectMapper json, JsonNode tree, String type) {
    try {
      return json.treeToValue(tree, DomainEvent.class);
    } catch (IOException | IllegalArgumentException ex) {
      throw dev.crmkit.core.internal.Checks.invalid("replacements", type,
          "replacements of the same form as the values they replace (the stored event would"
          + " no longer read back: " + ex.getMessage() + ")");
    }
  }

  static String describe(Throwable error) {
    String text = error.getClass().getName() + ": " + error.getMessage();
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }
}
