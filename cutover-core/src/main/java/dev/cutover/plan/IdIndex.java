package dev.cutover.plan;

/**
 * Task id to task index, as an open-addressing hash table over two arrays: no node objects and no
 * boxed integers, so building a plan of a million tasks allocates a handful of arrays. Not
 * thread-safe while being filled; read-only afterwards.
 */
final class IdIndex {
  private final String[] keys;
  private final int[] values;
  private final int mask;

  IdIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new String[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Adds {@code id -> index} unless present; returns the existing index, or -1 if added. */
  int putIfAbsent(String id, int index) {
    int slot = spread(id.hashCode()) & mask;
    while (keys[slot] != null) {
      if (keys[slot].equals(id)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = id;
    values[slot] = index;
    return -1;
  }

  /** The index of {@code id}, or -1. */
  int get(String id) {
    int slot = spread(id.hashCode()) & mask;
    while (keys[slot] != null) {
      if (keys[slot].equals(id)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }
}
