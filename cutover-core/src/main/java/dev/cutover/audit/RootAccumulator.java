package dev.cutover.audit;

/** The RFC 9162 root of a growing sequence of leaves, kept as at most 64 complete-subtree hashes. */
final class RootAccumulator {
  private final byte[][] stack = new byte[64][];
  private int depth;
  private long size;

  void add(byte[] leaf) {
    byte[] h = leaf;
    for (long n = size; (n & 1) == 1; n >>= 1) {
      h = MerkleProofs.node(stack[--depth], h);
    }
    stack[depth++] = h;
    size++;
  }

  long size() {
    return size;
  }

  Hash root() {
    if (depth == 0) {
      return Hash.EMPTY_TREE;
    }
    byte[] acc = stack[depth - 1];
    for (int i = depth - 2; i >= 0; i--) {
      acc = MerkleProofs.node(stack[i], acc);
    }
    return Hash.wrap(acc);
  }
}
