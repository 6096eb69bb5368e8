package dev.cutover.benchmarks.audit;

import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.audit.LogVerification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Verifies a log file of 1,000,000 entries end to end (the one-pass canonical-form check and hash
 * of every line, the chain, the root), reported in entries per second. The verifier checks lines
 * on up to one worker thread per processor. Beside it, the raw limit of one thread: read the same
 * file and SHA-256 every line.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VerifyBenchmark -f 1 -wi 2 -i 3 -w 2s
 * -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBenchmark {
  private static final int ENTRIES = 1_000_000;

  @Param({"1000000"})
  public int entries;

  private Path file;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("cutover-verify", ".log");
    Fixtures.writeLog(file, entries);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Full verification of the file. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public LogVerification verify() {
    LogVerification v = AuditLogVerifier.verify(file);
    if (!v.ok() || v.verifiedEntries() != entries) {
      throw new IllegalStateException(v.summary());
    }
    return v;
  }

  /** The limit: read the file and hash each line. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public byte[] readAndHashLimit() throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] d = null;
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int carry = 0;
      for (int r; (r = in.read(buf, carry, buf.length - carry)) > 0; ) {
        int n = carry + r;
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            sha.update((byte) 0);
            sha.update(buf, start, i - start);
            d = sha.digest();
            start = i + 1;
          }
        }
        carry = n - start;
        System.arraycopy(buf, start, buf, 0, carry);
      }
    }
    return d;
  }
}
