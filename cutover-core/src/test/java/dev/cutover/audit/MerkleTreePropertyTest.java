package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The tree against a naive recursive RFC 9162 Merkle Tree Hash. */
class MerkleTreePropertyTest {
  static Hash leaf(long i) {
    return MerkleProofs.leafHash(ByteBuffer.allocate(8).putLong(i).array());
  }

  static MerkleTree tree(int n) {
    MerkleTree t = new MerkleTree();
    for (int i = 0; i < n; i++) {
      t.append(leaf(i));
    }
    return t;
  }

  /** MTH(D[lo:hi]) straight from RFC 9162 section 2.1.1. */
  static Hash mth(List<Hash> d, int lo, int hi) {
    int n = hi - lo;
    if (n == 0) {
      return Hash.EMPTY_TREE;
    }
    if (n == 1) {
      return d.get(lo);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleProofs.nodeHash(mth(d, lo, lo + k), mth(d, lo + k, hi));
  }

  /** PATH(m, D[lo:hi]) from RFC 9162 section 2.1.3.1. */
  static List<Hash> path(List<Hash> d, int m, int lo, int hi) {
    int n = hi - lo;
    List<Hash> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(d, m, lo, lo + k));
      out.add(mth(d, lo + k, hi));
    } else {
      out.addAll(path(d, m - k, lo + k, hi));
      out.add(mth(d, lo, lo + k));
    }
    return out;
  }

  /** SUBPROOF(m, D[lo:hi], b) from RFC 9162 section 2.1.4.1. */
  static List<Hash> subproof(List<Hash> d, int m, int lo, int hi, boolean b) {
    int n = hi - lo;
    List<Hash> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d, lo, hi));
      }
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      out.addAll(subproof(d, m, lo, lo + k, b));
      out.add(mth(d, lo + k, hi));
    } else {
      out.addAll(subproof(d, m - k, lo + k, hi, false));
      out.add(mth(d, lo, lo + k));
    }
    return out;
  }

  static List<Hash> leaves(int n) {
    List<Hash> d = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      d.add(leaf(i));
    }
    return d;
  }

  @Property(tries = 200)
  void rootOfEveryPrefix_matchesTheReference(@ForAll @IntRange(min = 0, max = 300) int n) {
    MerkleTree t = tree(n);
    List<Hash> d = leaves(n);
    for (int size = 0; size <= n; size++) {
      assertThat(t.root(size)).isEqualTo(mth(d, 0, size));
    }
  }

  @Property(tries = 300)
  void inclusionProofs_matchTheReferenceAndVerify(
      @ForAll @IntRange(min = 1, max = 600) int size, @ForAll @IntRange(min = 0, max = 599) int index, @ForAll @IntRange(min = 0, max = 200) int extra) {
    index = index % size;
    MerkleTree t = tree(size + extra);
    List<Hash> d = leaves(size);
    List<Hash> proof = t.inclusionProof(index, size);
    assertThat(proof).isEqualTo(path(d, index, 0, size));
    Hash root = t.root(size);
    int i = index;
    assertThatCode(() -> MerkleProofs.verifyInclusion(leaf(i), i, size, proof, root)).doesNotThrowAnyException();
  }

  @Property(tries = 300)
  void consistencyProofs_matchTheReferenceAndVerify(
      @ForAll @IntRange(min = 1, max = 600) int a, @ForAll @IntRange(min = 1, max = 600) int b) {
    int from = Math.min(a, b);
    int to = Math.max(a, b);
    MerkleTree t = tree(to);
    List<Hash> d = leaves(to);
    List<Hash> proof = t.consistencyProof(from, to);
    assertThat(proof).isEqualTo(from == to ? List.of() : subproof(d, from, 0, to, true));
    assertThatCode(() -> MerkleProofs.verifyConsistency(from, to, proof, t.root(from), t.root(to))).doesNotThrowAnyException();
  }

  @Property(tries = 300)
  void flippingOneBit_ofProofLeafOrRoot_failsInclusion(
      @ForAll @IntRange(min = 2, max = 300) int size, @ForAll @IntRange(min = 0, max = 299) int index,
      @ForAll @IntRange(min = 0, max = 10_000) int which, @ForAll @IntRange(min = 0, max = 255) int bit) {
    int i = index % size;
    MerkleTree t = tree(size);
    List<byte[]> proof = new ArrayList<>();
    t.inclusionProof(i, size).forEach(h -> proof.add(h.bytes()));
    byte[] leaf = leaf(i).bytes();
    byte[] root = t.root(size).bytes();
    int target = which % (proof.size() + 2);
    byte[] flip = target == proof.size() ? leaf : target == proof.size() + 1 ? root : proof.get(target);
    flip[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(leaf, i, size, proof, root)).isInstanceOf(InvalidProofException.class);
  }

  @Property(tries = 300)
  void changingIndexOrSize_failsInclusion(
      @ForAll @IntRange(min = 2, max = 300) int size, @ForAll @IntRange(min = 0, max = 299) int index, @ForAll @IntRange(min = 0, max = 40) int bit) {
    int i = index % size;
    MerkleTree t = tree(size);
    List<Hash> proof = t.inclusionProof(i, size);
    Hash root = t.root(size);
    long otherIndex = i ^ (1L << (bit % 10));
    long otherSize = size ^ (1L << (bit % 10));
    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(leaf(i), otherIndex, size, proof, root)).isInstanceOf(InvalidProofException.class);
    // A path does not encode the size: another size whose audit path has exactly the same shape
    // accepts the same hashes. That is RFC 9162's design; the size is bound by the root, which
    // differs, so such a proof cannot be passed off against the other size's real root.
    if (inclusionShape(i, otherSize, proof.size()).equals(inclusionShape(i, size, proof.size()))) {
      MerkleTree bigger = tree((int) Math.max(size, otherSize));
      assertThat(bigger.root(otherSize)).isNotEqualTo(root);
      assertThatThrownBy(() -> MerkleProofs.verifyInclusion(leaf(i), i, otherSize, proof, bigger.root(otherSize)))
          .isInstanceOf(InvalidProofException.class);
    } else {
      assertThatThrownBy(() -> MerkleProofs.verifyInclusion(leaf(i), i, otherSize, proof, root)).isInstanceOf(InvalidProofException.class);
    }
  }

  /** The left/right decisions RFC 9162 verification makes for a path of this length. */
  static List<String> inclusionShape(long index, long size, int length) {
    List<String> out = new ArrayList<>();
    if (index >= size) {
      out.add("out of range");
      return out;
    }
    long fn = index;
    long sn = size - 1;
    for (int k = 0; k < length; k++) {
      if (sn == 0) {
        out.add("too long");
        return out;
      }
      if ((fn & 1) == 1 || fn == sn) {
        out.add("L");
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        out.add("R");
      }
      fn >>= 1;
      sn >>= 1;
    }
    out.add(sn == 0 ? "end" : "short");
    return out;
  }

  static List<String> consistencyShape(long from, long to, int length) {
    List<String> out = new ArrayList<>();
    if (from < 1 || to <= from) {
      out.add("bad sizes");
      return out;
    }
    int n = length + (Long.bitCount(from) == 1 ? 1 : 0);
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    out.add(Long.bitCount(from) == 1 ? "seeded" : "unseeded");
    for (int k = 1; k < n; k++) {
      if (sn == 0) {
        out.add("too long");
        return out;
      }
      if ((fn & 1) == 1 || fn == sn) {
        out.add("L");
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        out.add("R");
      }
      fn >>= 1;
      sn >>= 1;
    }
    out.add(sn == 0 ? "end" : "short");
    return out;
  }

  @Property(tries = 300)
  void flippingOneBit_ofConsistencyProofOrRoots_orChangingASize_fails(
      @ForAll @IntRange(min = 1, max = 300) int a, @ForAll @IntRange(min = 1, max = 300) int b,
      @ForAll @IntRange(min = 0, max = 10_000) int which, @ForAll @IntRange(min = 0, max = 255) int bit) {
    int from = Math.min(a, b);
    int to = Math.max(a, b) + 1;
    MerkleTree t = tree(to);
    List<byte[]> proof = new ArrayList<>();
    t.consistencyProof(from, to).forEach(h -> proof.add(h.bytes()));
    byte[] r1 = t.root(from).bytes();
    byte[] r2 = t.root(to).bytes();
    int target = which % (proof.size() + 3);
    if (target == proof.size() + 2) {
      long otherTo = to ^ (1L << (bit % 9));
      long otherFrom = from ^ (1L << (bit % 9));
      MerkleTree bigger = tree((int) Math.max(to, Math.max(otherTo, otherFrom)));
      List<String> shape = consistencyShape(from, to, proof.size());
      // as for inclusion: sizes are bound by the roots; a same-shaped size pair fails against its real roots
      if (consistencyShape(from, otherTo, proof.size()).equals(shape)) {
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(from, otherTo, proof, r1, bigger.root(otherTo).bytes()))
            .isInstanceOf(InvalidProofException.class);
      } else {
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(from, otherTo, proof, r1, r2)).isInstanceOf(InvalidProofException.class);
      }
      if (otherFrom >= 1 && consistencyShape(otherFrom, to, proof.size()).equals(shape)) {
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(otherFrom, to, proof, bigger.root(otherFrom).bytes(), r2))
            .isInstanceOf(InvalidProofException.class);
      } else {
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(otherFrom, to, proof, r1, r2)).isInstanceOf(InvalidProofException.class);
      }
      return;
    }
    byte[] flip = target == proof.size() ? r1 : target == proof.size() + 1 ? r2 : proof.get(target);
    flip[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThatThrownBy(() -> MerkleProofs.verifyConsistency(from, to, proof, r1, r2)).isInstanceOf(InvalidProofException.class);
  }
}
