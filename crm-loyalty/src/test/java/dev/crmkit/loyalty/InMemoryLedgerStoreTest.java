package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLedgerStoreTest extends LedgerStoreContract {
  @Override
  LedgerStore openStore() {
    return LedgerStore.inMemory();
  }

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

  /** A host's own write: one adjustment of {@code points} opening a lot, under {@code key}. */
  private static LedgerStore.Write adjust(CustomerId member, String key, String fingerprint, long points) {
    return new LedgerStore.Write(member, null, key, fingerprint, AT, view -> {
      long seq = view.state().lastSeq() + 1;
      Entry e = new Entry(view.state().member(), seq, EntryKind.ADJUST, points, seq, AT, AT, null, "host", "ref-" + seq,
          new BigDecimal("1.50"), key);
      return new LedgerStore.Changes(List.of(e), List.of(), view.state().plus(e), List.of(Lot.openedBy(e).withRemaining(points)), 0);
    });
  }

  @Test
  void the_packed_ledger_gives_back_the_entries_it_was_given_and_a_retry_its_receipt() {
    LedgerStore store = openStore();
    CustomerId ann = CustomerId.of("ann");
    List<Entry> written = new java.util.ArrayList<>();
    for (int i = 1; i <= 40; i++) { // past several growths of the arrays
      written.addAll(store.apply(adjust(ann, "k" + i, "request " + i, i)).entries());
    }
    assertThat(store.entries(ann)).isEqualTo(written);
    assertThat(store.current(ann).openLots()).hasSize(40);
    LedgerStore.Applied retry = store.apply(adjust(ann, "k7", "request 7", 7));
    assertThat(retry.replayed()).isTrue();
    assertThat(retry.entries()).containsExactly(written.get(6));
    assertThatThrownBy(() -> store.apply(adjust(ann, "k7", "request 8", 7))).isInstanceOf(IdempotencyConflictException.class);
  }

  @Test
  void the_same_request_under_a_key_of_another_member_returns_that_members_receipt() {
    LedgerStore store = openStore();
    CustomerId ann = CustomerId.of("ann");
    CustomerId bob = CustomerId.of("bob");
    LedgerStore.Applied first = store.apply(adjust(ann, "shared", "same text", 5));
    LedgerStore.Applied second = store.apply(adjust(bob, "shared", "same text", 5));
    assertThat(second.replayed()).isTrue();
    assertThat(second.member()).isEqualTo(ann);
    assertThat(second.entries()).isEqualTo(first.entries());
    assertThat(store.entries(bob)).isEmpty();
  }

  @Test
  void an_entry_of_another_member_is_refused() {
    LedgerStore store = openStore();
    CustomerId ann = CustomerId.of("ann");
    LedgerStore.Write wrong = new LedgerStore.Write(ann, null, "k", "r", AT, view -> {
      Entry e = new Entry(CustomerId.of("bob"), 1, EntryKind.ADJUST, 5, 1L, AT, AT, null, "host", null, null, "k");
      return new LedgerStore.Changes(List.of(e), List.of(), view.state().plus(e), List.of(), 0);
    });
    assertThatThrownBy(() -> store.apply(wrong)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("entry 1 is of member bob");
    // refused before the key was claimed: nothing recorded, the key still free
    assertThat(store.recordedFingerprint("k")).isEmpty();
    assertThat(store.entries(ann)).isEmpty();
  }
}
