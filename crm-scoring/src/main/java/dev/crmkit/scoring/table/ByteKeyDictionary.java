package dev.crmkit.scoring.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte strings to dense indexes (0, 1, 2, ... in order of first appearance) without
 * making a String per lookup: the CSV reader's hot path sees every customer id of every row.
 */
final class ByteKeyDictionary {
  private byte[] arena;
  private int arenaSize;
  private int[] start;
  private int[] length;
  private int[] hashes;
  private int size;
  private int[] table; // index + 1; 0 = empty slot
  private int mask;

  ByteKeyDictionary(int expectedKeys) {
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, expectedKeys) * 2 - 1) << 1);
    table = new int[capacity];
    mask = capacity - 1;
    start = new int[Math.max(16, expectedKeys)];
    length = new int[start.length];
    hashes = new int[start.length];
    arena = new byte[Math.max(256, expectedKeys * 8)];
  }

  int size() {
    return size;
  }

  int intern(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int slot = h & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        return insert(slot, h, buf, off, len);
      }
      int i = entry - 1;
      if (hashes[i] == h
          && length[i] == len
          && Arrays.equals(arena, start[i], start[i] + len, buf, off, off + len)) {
        return i;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The index of key {@code i} of another dictionary in this one, interning it if absent. */
  int intern(ByteKeyDictionary other, int i) {
    return intern(other.arena, other.start[i], other.length[i]);
  }

  String key(int i) {
    return new String(arena, start[i], length[i], StandardCharsets.UTF_8);
  }

  String[] keys() {
    String[] keys = new String[size];
    for (int i = 0; i < size; i++) {
      keys[i] = key(i);
    }
    return keys;
  }

  private int insert(int slot, int h, byte[] buf, int off, int len) {
    if (size == start.length) {
      int capacity = size + (size >> 1);
      start = Arrays.copyOf(start, capacity);
      length = Arrays.copyOf(length, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    if (arenaSize + len > arena.length) {
      long capacity = Math.max((long) arena.length + (arena.length >> 1), (long) arenaSize + len);
      if (capacity > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("too many distinct keys: more than 2 GB of key text");
      }
      arena = Arrays.copyOf(arena, (int) capacity);
    }
    System.arraycopy(buf, off, arena, arenaSize, len);
    int i = size++;
    start[i] = arenaSize;
    length[i] = len;
    hashes[i] = h;
    arenaSize += len;
    table[slot] = i + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return i;
  }

  private void rehash() {
    int capacity = table.length * 2;
    int[] newTable = new int[capacity];
    int newMask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = hashes[i] & newMask;
      while (newTable[slot] != 0) {
        slot = (slot + 1) & newMask;
      }
      newTable[slot] = i + 1;
    }
    table = newTable;
    mask = newMask;
  }

  private static int hash(byte[] buf, int off, int len) {
    int h = 0x9E3779B9;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + buf[i];
    }
    // spread the bits, since the table index takes the low bits only
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h;
  }
}
