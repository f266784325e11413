package dev.crmkit.scoring.table;

import java.util.Arrays;

/**
 * Valid rows of a transaction CSV in parse order, waiting for their customer ids to be interned
 * (a batch at a time: see {@link ByteKeyDictionary#internAll}). The key bytes are copies, so a
 * batch outlives the parser's buffer and can be handed to another thread.
 */
final class RowBatch {
  static final int SIZE = 1024;

  byte[] keys = new byte[SIZE * 16];
  final int[] keyStart = new int[SIZE + 1]; // key i is keys[keyStart[i] .. keyStart[i + 1])
  final int[] day = new int[SIZE];
  final double[] amount = new double[SIZE];
  final int[] category = new int[SIZE];
  final double[] share = new double[SIZE];
  final long[] keyHash = new long[SIZE]; // ByteKeyDictionary.key of each key
  final int[] code = new int[SIZE]; // filled by the interning
  int rows;
  /** Set on the batch that ends a parse (it may hold rows too). */
  boolean last;

  boolean isFull() {
    return rows == SIZE;
  }

  /** Room for one more key of this length. */
  int reserveKey(int length) {
    int from = keyStart[rows];
    if (keys.length < from + length) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, from + length));
    }
    return from;
  }

  void add(int keyEnd, int d, double a, int cat, double s) {
    int n = rows;
    keyStart[n + 1] = keyEnd;
    int from = keyStart[n];
    keyHash[n] = ByteKeyDictionary.key(keys, from, keyEnd - from);
    day[n] = d;
    amount[n] = a;
    category[n] = cat;
    share[n] = s;
    rows = n + 1;
  }

  void clear() {
    rows = 0;
    last = false;
  }
}
