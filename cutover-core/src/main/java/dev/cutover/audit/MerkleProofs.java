package dev.cutover.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * RFC 9162 Merkle hashing and proof verification (section 2.1).
 *
 * <p>Leaf hash: SHA-256(0x00 ‖ data). Node hash: SHA-256(0x01 ‖ left ‖ right). Proofs are lists
 * of hashes ordered from the leaf level upwards. The byte-array methods accept hashes of any
 * length so that malformed proofs are rejected rather than refused at parse time. All methods are
 * static and thread-safe.
 */
public final class MerkleProofs {
  private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(Hash::sha256);

  private MerkleProofs() {}

  /**
   * Returns the RFC 9162 leaf hash of some data.
   *
   * @param data the leaf data
   * @return SHA-256(0x00 ‖ data)
   */
  public static Hash leafHash(byte[] data) {
    Objects.requireNonNull(data, "data");
    MessageDigest sha = SHA.get();
    sha.update((byte) 0);
    sha.update(data);
    return Hash.wrap(sha.digest());
  }

  /**
   * Returns the RFC 9162 interior node hash.
   *
   * @param left the left child
   * @param right the right child
   * @return SHA-256(0x01 ‖ left ‖ right)
   */
  public static Hash nodeHash(Hash left, Hash right) {
    return Hash.wrap(node(left.raw(), right.raw()));
  }

  static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha = SHA.get();
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /**
   * Verifies an inclusion proof.
   *
   * @param leafHash the leaf hash of the entry
   * @param index the entry's index, 0-based
   * @param size the tree size the proof is for
   * @param proof the audit path, leaf level first
   * @param root the root of the tree of that size
   * @throws InvalidProofException if the proof does not verify
   */
  public static void verifyInclusion(Hash leafHash, long index, long size, List<Hash> proof, Hash root) {
    verifyInclusion(leafHash.raw(), index, size, raw(proof), root.raw());
  }

  /**
   * Verifies an inclusion proof given as raw bytes (RFC 9162 section 2.1.3.2).
   *
   * @param leafHash the leaf hash of the entry
   * @param index the entry's index, 0-based
   * @param size the tree size
   * @param proof the audit path, leaf level first
   * @param root the expected root
   * @throws InvalidProofException if the proof does not verify
   */
  public static void verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(root, "root");
    if (index < 0 || size <= 0 || index >= size) {
      throw new InvalidProofException("index " + index + " is not inside a tree of size " + size);
    }
    checkLengths(leafHash, proof);
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new InvalidProofException(
            "inclusion proof for index " + index + " in size " + size + " has " + proof.size() + " hashes, more than the path needs");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException(
          "inclusion proof for index " + index + " in size " + size + " has " + proof.size() + " hashes, fewer than the path needs");
    }
    if (!Arrays.equals(r, root)) {
      throw new InvalidProofException(
          "inclusion proof for index " + index + " in size " + size + " leads to a different root");
    }
  }

  /**
   * Verifies a consistency proof.
   *
   * @param size1 the older size, at least 1
   * @param size2 the newer size
   * @param proof the proof, leaf level first
   * @param root1 the root at {@code size1}
   * @param root2 the root at {@code size2}
   * @throws InvalidProofException if the proof does not verify
   */
  public static void verifyConsistency(long size1, long size2, List<Hash> proof, Hash root1, Hash root2) {
    verifyConsistency(size1, size2, raw(proof), root1.raw(), root2.raw());
  }

  /**
   * Verifies a consistency proof given as raw bytes (RFC 9162 section 2.1.4.2). A proof from size
   * 0 is refused; between equal sizes the proof must be empty and the roots equal.
   *
   * @param size1 the older size, at least 1
   * @param size2 the newer size
   * @param proof the proof, leaf level first
   * @param root1 the root at {@code size1}
   * @param root2 the root at {@code size2}
   * @throws InvalidProofException if the proof does not verify
   */
  public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(root1, "root1");
    Objects.requireNonNull(root2, "root2");
    if (size1 < 1) {
      throw new InvalidProofException("a consistency proof from size " + size1 + " proves nothing; sizes start at 1");
    }
    if (size2 < size1) {
      throw new InvalidProofException("size " + size2 + " is smaller than size " + size1);
    }
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new InvalidProofException("a consistency proof between equal sizes must be empty, got " + proof.size() + " hashes");
      }
      if (!Arrays.equals(root1, root2)) {
        throw new InvalidProofException("roots differ at equal size " + size1);
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new InvalidProofException("consistency proof from " + size1 + " to " + size2 + " is empty");
    }
    checkLengths(root1, proof);
    List<byte[]> path = proof;
    if (Long.bitCount(size1) == 1) {
      path = new ArrayList<>(proof.size() + 1);
      path.add(root1);
      path.addAll(proof);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (int i = 1; i < path.size(); i++) {
      byte[] c = path.get(i);
      if (sn == 0) {
        throw new InvalidProofException("consistency proof from " + size1 + " to " + size2 + " has more hashes than it needs");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("consistency proof from " + size1 + " to " + size2 + " has fewer hashes than it needs");
    }
    if (!Arrays.equals(fr, root1)) {
      throw new InvalidProofException("consistency proof from " + size1 + " to " + size2 + " does not lead to the old root");
    }
    if (!Arrays.equals(sr, root2)) {
      throw new InvalidProofException("consistency proof from " + size1 + " to " + size2 + " does not lead to the new root");
    }
  }

  private static void checkLengths(byte[] first, List<byte[]> proof) {
    if (first.length != Hash.LENGTH) {
      throw new InvalidProofException("hash has " + first.length + " bytes, expected 32");
    }
    for (int i = 0; i < proof.size(); i++) {
      if (Objects.requireNonNull(proof.get(i), "proof element").length != Hash.LENGTH) {
        throw new InvalidProofException("proof hash " + i + " has " + proof.get(i).length + " bytes, expected 32");
      }
    }
  }

  private static List<byte[]> raw(List<Hash> hashes) {
    Objects.requireNonNull(hashes, "proof");
    List<byte[]> out = new ArrayList<>(hashes.size());
    for (Hash h : hashes) {
      out.add(h.raw());
    }
    return out;
  }
}
