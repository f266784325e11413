package dev.crmkit.scoring.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte strings to dense indexes (0, 1, 2, ... in order of first appearance) without
 * making a String per lookup: the CSV reader's hot path sees every customer id of every row.
 *
 * <p>Each slot of the open-addressing table is two longs: the key itself when it has at most 8
 * bytes (else a 64-bit hash of it) and its length and index. A lookup of a short key therefore
 * touches one cache line; only longer keys are compared against the stored bytes.
 *
 * <p>With a million keys the table is far larger than the CPU caches, so a lookup waits for
 * main memory. {@link #internAll} therefore takes a batch of keys and first loads each one's
 * slot without depending on the others (the CPU overlaps those misses), then looks them up in
 * order; codes are the same as one {@link #intern} per key in that order.
 */
final class ByteKeyDictionary {
  private static final int MAX_INLINE = 8;
  private static final int BATCH = 256;

  private byte[] arena;
  private int arenaSize;
  private int[] start; // key i is arena[start[i] .. start[i + 1]); start[size] = arenaSize
  private int size;
  private long[] slots; // [2 * slot] = key or hash, [2 * slot + 1] = length << 32 | index + 1
  private int capacity;
  private int limit;
  private int[] batchSlots = new int[0];
  private long touched; // keeps the batch's early loads from being optimised away

  ByteKeyDictionary(int expectedKeys) {
    int keys = Math.max(16, expectedKeys);
    allocateSlots(keys * 4 / 3 + 1);
    start = new int[keys + 1];
    arena = new byte[Math.max(256, keys * 8)];
  }

  private void allocateSlots(int cap) {
    capacity = cap;
    limit = (int) (cap * 0.75);
    slots = new long[2 * cap];
  }

  int size() {
    return size;
  }

  int intern(byte[] buf, int off, int len) {
    return intern(key(buf, off, len), buf, off, len);
  }

  /**
   * Interns keys {@code buf[start[i] .. start[i + 1])} for i in 0..n-1, whose {@link #key}s are
   * {@code keys[i]} (computed by the caller, on another thread for example), writing their codes
   * to {@code codes[i]}: the same codes as {@link #intern} called for each key in order.
   */
  void internAll(byte[] buf, int[] start, long[] keys, int n, int[] codes) {
    if (batchSlots.length < n) {
      batchSlots = new int[n];
    }
    int[] at = batchSlots;
    for (int i = 0; i < n; i++) {
      at[i] = 2 * slot(keys[i], start[i + 1] - start[i]) + 1;
    }
    // a loop of loads alone: the CPU keeps many of them waiting for memory at once
    long[] table = slots;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += table[at[i]];
    }
    touched += sum;
    for (int i = 0; i < n; i++) {
      codes[i] = intern(keys[i], buf, start[i], start[i + 1] - start[i]);
    }
  }

  private int intern(long key, byte[] buf, int off, int len) {
    long meta = (long) len << 32;
    int slot = slot(key, len);
    while (true) {
      long m = slots[2 * slot + 1];
      if (m == 0) {
        return insert(slot, key, meta, buf, off, len);
      }
      if ((m & 0xFFFFFFFF00000000L) == meta
          && slots[2 * slot] == key
          && (len <= MAX_INLINE || sameBytes((int) m - 1, buf, off, len))) {
        return (int) m - 1;
      }
      if (++slot == capacity) {
        slot = 0;
      }
    }
  }

  /** The index of key {@code i} of another dictionary in this one, interning it if absent. */
  int intern(ByteKeyDictionary other, int i) {
    return intern(other.arena, other.start[i], other.start[i + 1] - other.start[i]);
  }

  /** The index in this dictionary of each key of another, in its order, interning the absent. */
  int[] internAll(ByteKeyDictionary other) {
    int[] codes = new int[other.size];
    int[] batch = new int[BATCH];
    int[] starts = new int[BATCH + 1];
    long[] keys = new long[BATCH];
    for (int from = 0; from < other.size; from += BATCH) {
      int n = Math.min(BATCH, other.size - from);
      for (int i = 0; i <= n; i++) {
        starts[i] = other.start[from + i];
      }
      for (int i = 0; i < n; i++) {
        keys[i] = key(other.arena, starts[i], starts[i + 1] - starts[i]);
      }
      internAll(other.arena, starts, keys, n, batch);
      System.arraycopy(batch, 0, codes, from, n);
    }
    return codes;
  }

  /** Drops the lookup table: afterwards only {@link #key} and {@link #keys} work. */
  void freeLookup() {
    slots = null;
  }

  String key(int i) {
    return new String(arena, start[i], start[i + 1] - start[i], StandardCharsets.UTF_8);
  }

  String[] keys() {
    String[] keys = new String[size];
    for (int i = 0; i < size; i++) {
      keys[i] = key(i);
    }
    return keys;
  }

  private boolean sameBytes(int i, byte[] buf, int off, int len) {
    return Arrays.equals(arena, start[i], start[i] + len, buf, off, off + len);
  }

  /** The key of a byte string as the table stores it: its bytes up to 8, else a 64-bit hash. */
  static long key(byte[] buf, int off, int len) {
    if (len <= MAX_INLINE) {
      long k = 0;
      for (int i = 0; i < len; i++) {
        k |= (buf[off + i] & 0xFFL) << (8 * i);
      }
      return k;
    }
    long h = 0xcbf29ce484222325L;
    for (int i = off, end = off + len; i < end; i++) {
      h = (h ^ (buf[i] & 0xFF)) * 0x100000001b3L;
    }
    return h;
  }

  private int slot(long key, int len) {
    long h = key * 0x9E3779B97F4A7C15L + len;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    // maps the hash onto [0, capacity) without a power-of-two table
    return (int) (((h & 0xFFFFFFFFL) * capacity) >>> 32);
  }

  private int insert(int slot, long key, long meta, byte[] buf, int off, int len) {
    if (size + 1 == start.length) {
      start = Arrays.copyOf(start, size + (size >> 1) + 2);
    }
    if (arenaSize + len > arena.length) {
      long grown = Math.max((long) arena.length + (arena.length >> 1), (long) arenaSize + len);
      if (grown > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("too many distinct keys: more than 2 GB of key text");
      }
      arena = Arrays.copyOf(arena, (int) grown);
    }
    System.arraycopy(buf, off, arena, arenaSize, len);
    int i = size++;
    start[i] = arenaSize;
    arenaSize += len;
    start[size] = arenaSize;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = meta | (i + 1);
    if (size > limit) {
      rehash();
    }
    return i;
  }

  private void rehash() {
    long[] old = slots;
    int oldCapacity = capacity;
    allocateSlots(oldCapacity * 2);
    for (int s = 0; s < oldCapacity; s++) {
      long m = old[2 * s + 1];
      if (m != 0) {
        long key = old[2 * s];
        int slot = slot(key, (int) (m >>> 32));
        while (slots[2 * slot + 1] != 0) {
          if (++slot == capacity) {
            slot = 0;
          }
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = m;
      }
    }
  }
}
