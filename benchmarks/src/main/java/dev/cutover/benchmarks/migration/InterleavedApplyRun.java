package dev.cutover.benchmarks.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The three measurements of {@link MigrationApplyBenchmark}'s first apply (plain JDBC, the floor
 * with the same ledger rows written by hand, the runner) taken in one JVM, in a shuffled order each
 * round, each on an emptied database. It complements the JMH benchmark, which runs each
 * measurement in its own forks one after the other: there the JIT compiler's choices differ from
 * fork to fork (a fork of plain JDBC alone varies by about 15 % on in-memory H2), and a slow spell
 * of the machine lands on whichever benchmark runs then. Here the three share one compiled H2 and
 * any drift, so their ratios are paired.
 *
 * <p>Prints the mean and median of each, the ratios to plain JDBC (of the means, of the medians,
 * and the median of the per-round ratios), and the same for the runner against the floor.
 *
 * <p>Run it (after building the jar; H2 in memory needs nothing else):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar \
 *     dev.cutover.benchmarks.migration.InterleavedApplyRun --database H2 --warmup 300 --rounds 400
 * </pre>
 */
public final class InterleavedApplyRun {
  private static final String[] NAMES = {"plain JDBC", "floor", "runner"};

  private InterleavedApplyRun() {}

  /**
   * Runs the rounds and prints the summary.
   *
   * @param args {@code --database H2|POSTGRESQL --steps 1000 --warmup 300 --rounds 400 --seed 1}
   * @throws Exception if a measurement fails
   */
  public static void main(String[] args) throws Exception {
    String database = "H2";
    int steps = 1000;
    int warmup = 300;
    int rounds = 400;
    long seed = 1;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--database":
          database = v.toUpperCase(Locale.ROOT);
          break;
        case "--steps":
          steps = positive(args[i], v);
          break;
        case "--warmup":
          warmup = Integer.parseInt(v);
          if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, was " + v);
          }
          break;
        case "--rounds":
          rounds = positive(args[i], v);
          break;
        case "--seed":
          seed = Long.parseLong(v);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]
              + " (known: --database, --steps, --warmup, --rounds, --seed)");
      }
    }
    MigrationApplyBenchmark b = new MigrationApplyBenchmark();
    b.database = database;
    b.steps = steps;
    b.setUp();
    double[][] ms = new double[NAMES.length][rounds];
    try {
      Random random = new Random(seed);
      List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
      for (int r = -warmup; r < rounds; r++) {
        Collections.shuffle(order, random);
        for (int v : order) {
          b.reset();
          long t0 = System.nanoTime();
          shot(b, v);
          long took = System.nanoTime() - t0;
          if (r >= 0) {
            ms[v][r] = took / 1e6;
          }
        }
      }
    } finally {
      b.tearDown();
    }
    System.out.printf(Locale.ROOT, "%s, %d steps, %d rounds after %d warm-up rounds%n",
        database, steps, rounds, warmup);
    for (int v = 0; v < NAMES.length; v++) {
      System.out.printf(Locale.ROOT, "%-10s mean %8.2f ms   median %8.2f ms%n",
          NAMES[v], mean(ms[v]), median(ms[v]));
    }
    ratio("floor / plain JDBC", ms[1], ms[0]);
    ratio("runner / plain JDBC", ms[2], ms[0]);
    ratio("runner / floor", ms[2], ms[1]);
  }

  private static void shot(MigrationApplyBenchmark b, int variant) throws Exception {
    switch (variant) {
      case 0:
        b.plainJdbc();
        break;
      case 1:
        b.plainJdbcWithLedgerRows();
        break;
      default:
        b.runner();
    }
  }

  private static void ratio(String what, double[] a, double[] b) {
    double[] paired = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      paired[i] = a[i] / b[i];
    }
    System.out.printf(Locale.ROOT,
        "%-20s of means %.3f   of medians %.3f   median of the rounds' ratios %.3f%n",
        what, mean(a) / mean(b), median(a) / median(b), median(paired));
  }

  private static int positive(String option, String value) {
    int n = Integer.parseInt(value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be positive, was " + value);
    }
    return n;
  }

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElse(Double.NaN);
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
