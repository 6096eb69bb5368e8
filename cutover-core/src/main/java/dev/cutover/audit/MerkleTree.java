package dev.cutover.audit;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes that keeps every complete subtree's hash,
 * so appending costs O(log n) (amortised O(1)) hashes, and the root of any prefix and every
 * inclusion or consistency proof costs O(log n) stored-node reads plus O(log n) hashes for the
 * right border, never a rescan of the leaves.
 *
 * <p>Hashes are stored in byte-array chunks (about 64 bytes per leaf in total), not as objects.
 *
 * <p>Thread-safe: appends are serialised; roots and proofs may be computed concurrently with
 * appends, over any size up to {@link #size()}.
 */
public final class MerkleTree {
  private final HashArray[] levels = new HashArray[64];
  private volatile long size;
  // used by append only, which is synchronized
  private final MessageDigest sha = Hash.sha256();
  private final byte[] node = new byte[Hash.LENGTH];

  /** Creates an empty tree. */
  public MerkleTree() {
    levels[0] = new HashArray();
  }

  /**
   * Returns the number of leaves.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * Appends a leaf hash (for a log, the entry's {@code hash}).
   *
   * @param leafHash the leaf hash
   * @return the index of the new leaf
   */
  public synchronized long append(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    long n = size;
    levels[0].add(leafHash.raw());
    // every time the index at a level is odd, a complete subtree one level up is finished; its
    // hash is computed in place from the stored left sibling, with no copies
    long idx = n;
    int level = 0;
    byte[] h = leafHash.raw();
    while ((idx & 1) == 1) {
      sha.update((byte) 1);
      levels[level].update(sha, idx - 1);
      sha.update(h, 0, Hash.LENGTH);
      try {
        sha.digest(node, 0, Hash.LENGTH);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", e);
      }
      h = node;
      level++;
      if (levels[level] == null) {
        levels[level] = new HashArray();
      }
      levels[level].add(h);
      idx >>= 1;
    }
    size = n + 1;
    return n;
  }

  /**
   * Returns the leaf hash at an index.
   *
   * @param index the index, below {@link #size()}
   * @return the leaf hash
   * @throws IndexOutOfBoundsException if the index is not below the size
   */
  public Hash leaf(long index) {
    Objects.checkIndex(index, size);
    return Hash.wrap(levels[0].get(index));
  }

  /**
   * Returns the root of the whole tree.
   *
   * @return the RFC 9162 Merkle Tree Hash; SHA-256 of the empty string for an empty tree
   */
  public Hash root() {
    return root(size);
  }

  /**
   * Returns the root of the first {@code treeSize} leaves.
   *
   * @param treeSize the prefix size, between 0 and {@link #size()}
   * @return the root of that prefix
   * @throws IllegalArgumentException if the size is out of range
   */
  public Hash root(long treeSize) {
    checkSize(treeSize, "treeSize");
    if (treeSize == 0) {
      return Hash.EMPTY_TREE;
    }
    return Hash.wrap(range(0, treeSize));
  }

  /**
   * Returns the inclusion proof (audit path) of a leaf in the tree of a given size.
   *
   * @param index the leaf index, below {@code treeSize}
   * @param treeSize the tree size, at most {@link #size()}
   * @return the proof, leaf level first
   * @throws IllegalArgumentException if the index or size is out of range
   */
  public List<Hash> inclusionProof(long index, long treeSize) {
    checkSize(treeSize, "treeSize");
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index " + index + " is not inside a tree of size " + treeSize);
    }
    List<Hash> out = new ArrayList<>(64);
    long lo = 0;
    long hi = treeSize;
    // walk from the root down, collecting siblings; reverse at the end so the leaf level is first
    while (hi - lo > 1) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (index < lo + k) {
        out.add(Hash.wrap(range(lo + k, hi)));
        hi = lo + k;
      } else {
        out.add(Hash.wrap(range(lo, lo + k)));
        lo = lo + k;
      }
    }
    Collections.reverse(out);
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the consistency proof between two sizes (RFC 9162 section 2.1.4).
   *
   * @param from the older size, at least 1
   * @param to the newer size, between {@code from} and {@link #size()}
   * @return the proof, leaf level first; empty if the sizes are equal
   * @throws IllegalArgumentException if {@code from} is 0 or the sizes are out of range
   */
  public List<Hash> consistencyProof(long from, long to) {
    checkSize(to, "to");
    if (from < 1 || from > to) {
      throw new IllegalArgumentException(
          "a consistency proof needs 1 <= from <= to, got from " + from + " and to " + to);
    }
    List<Hash> out = new ArrayList<>(64);
    long m = from;
    long lo = 0;
    long hi = to;
    boolean complete = true;
    while (m != hi - lo) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (m <= k) {
        out.add(Hash.wrap(range(lo + k, hi)));
        hi = lo + k;
      } else {
        out.add(Hash.wrap(range(lo, lo + k)));
        m -= k;
        lo = lo + k;
        complete = false;
      }
    }
    if (!complete) {
      out.add(Hash.wrap(range(lo, hi)));
    }
    Collections.reverse(out);
    return Collections.unmodifiableList(out);
  }

  /** MTH of leaves [lo, hi), where lo is a multiple of the largest power of two below hi - lo. */
  private byte[] range(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1 && (lo & (n - 1)) == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return levels[level].get(lo >>> level);
    }
    // split into complete subtrees, largest first, then fold from the right
    byte[][] parts = new byte[64][];
    int count = 0;
    long at = lo;
    for (int level = 63 - Long.numberOfLeadingZeros(n); level >= 0; level--) {
      long width = 1L << level;
      if ((n & width) != 0) {
        parts[count++] = levels[level].get(at >>> level);
        at += width;
      }
    }
    byte[] acc = parts[count - 1];
    for (int i = count - 2; i >= 0; i--) {
      acc = MerkleProofs.node(parts[i], acc);
    }
    return acc;
  }

  private void checkSize(long treeSize, String name) {
    long n = size;
    if (treeSize < 0 || treeSize > n) {
      throw new IllegalArgumentException(name + " " + treeSize + " is outside the tree (size " + n + ")");
    }
  }
}
