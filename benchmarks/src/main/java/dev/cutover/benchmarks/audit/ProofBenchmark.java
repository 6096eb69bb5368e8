package dev.cutover.benchmarks.audit;

import dev.cutover.audit.Hash;
import dev.cutover.audit.MerkleProofs;
import dev.cutover.audit.MerkleTree;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Inclusion and consistency proofs from the Merkle tree of a 10,000,000-entry log (the tree an
 * {@code AuditLog} keeps: every complete subtree hash in byte-array chunks, about 640 MB), for a
 * random index and a random older size against random tree sizes up to the full log.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProofBenchmark -f 1 -wi 2 -i 3 -w 2s
 * -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProofBenchmark {
  @Param({"10000000"})
  public long size;

  private MerkleTree tree;
  private final SplittableRandom random = new SplittableRandom(7);

  @Setup(Level.Trial)
  public void setUp() {
    tree = new MerkleTree();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (long i = 0; i < size; i++) {
      b.clear();
      tree.append(MerkleProofs.leafHash(b.putLong(i).array()));
    }
  }

  /** Inclusion proof of a random entry in a random tree size that contains it. */
  @Benchmark
  public List<Hash> inclusionProof() {
    long n = 1 + random.nextLong(size);
    return tree.inclusionProof(random.nextLong(n), n);
  }

  /** Consistency proof from a random older size to a random newer size. */
  @Benchmark
  public List<Hash> consistencyProof() {
    long to = 1 + random.nextLong(size);
    return tree.consistencyProof(1 + random.nextLong(to), to);
  }

  /** Inclusion proof of a random entry in the full tree, then its verification. */
  @Benchmark
  public Hash inclusionProofAndVerify() {
    long i = random.nextLong(size);
    List<Hash> p = tree.inclusionProof(i, size);
    Hash root = tree.root(size);
    MerkleProofs.verifyInclusion(tree.leaf(i), i, size, p, root);
    return root;
  }
}
