package dev.cutover.audit;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An append-only array of 32-byte hashes stored in fixed-size byte-array chunks, so that a tree
 * of ten million leaves costs about 640 MB and no object per node. The first chunk starts at
 * {@value #FIRST_HASHES} hashes and doubles up to the full chunk size, so that the many levels of
 * a small tree stay small. Single writer; readers may read any index below a size they obtained
 * through a happens-before edge with the writer (a grown first chunk is a new array holding every
 * hash of the old one, published by the volatile write of {@code chunks}).
 */
final class HashArray {
  private static final int CHUNK_SHIFT = 14; // 16384 hashes, 512 KiB per chunk
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int MASK = CHUNK_HASHES - 1;
  private static final int FIRST_HASHES = 16;

  private volatile byte[][] chunks = new byte[1][];
  private long size;

  void add(byte[] hash) {
    int c = (int) (size >>> CHUNK_SHIFT);
    byte[][] cs = chunks;
    if (c >= cs.length) {
      cs = Arrays.copyOf(cs, cs.length * 2);
    }
    int at = (int) (size & MASK) * Hash.LENGTH;
    if (cs[c] == null) {
      cs[c] = new byte[(c == 0 ? FIRST_HASHES : CHUNK_HASHES) * Hash.LENGTH];
    } else if (at == cs[c].length) {
      cs[c] = Arrays.copyOf(cs[c], Math.min(cs[c].length * 2, CHUNK_HASHES * Hash.LENGTH));
    }
    System.arraycopy(hash, 0, cs[c], at, Hash.LENGTH);
    chunks = cs;
    size++;
  }

  /** Feeds the hash at {@code i} to a digest, without copying it out. */
  void update(MessageDigest sha, long i) {
    sha.update(chunks[(int) (i >>> CHUNK_SHIFT)], (int) (i & MASK) * Hash.LENGTH, Hash.LENGTH);
  }

  byte[] get(long i) {
    byte[] out = new byte[Hash.LENGTH];
    System.arraycopy(chunks[(int) (i >>> CHUNK_SHIFT)], (int) (i & MASK) * Hash.LENGTH, out, 0, Hash.LENGTH);
    return out;
  }
}
