package dev.cutover.benchmarks.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs Cutover's migration runner, Flyway and Liquibase side by side over the same generated SQL
 * migrations on the same database servers, and prints a Markdown table of median times with the
 * ratios of each peer to Cutover.
 *
 * <p>Workload: N migrations (one {@code CREATE TABLE} and one {@code INSERT} each), for each N in
 * {@code --sizes} and each database in {@code --databases}. Per round, every tool gets a fresh
 * database and is timed on: first apply, a no-op re-run of the applied set, and validate. Tools
 * run in a shuffled order each round; one warm-up round is discarded; the median of
 * {@code --runs} rounds is reported. Plain JDBC executing the same statements is the floor for
 * the first apply.
 *
 * <p>Run it (PostgreSQL on 127.0.0.1:5432 with trust auth):
 *
 * <pre>
 * ./mvnw -B -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
 * java -cp benchmarks/target/benchmarks.jar dev.cutover.benchmarks.peers.PeerComparison \
 *     --sizes 200,1000 --databases h2,postgresql --runs 5
 * </pre>
 */
public final class PeerComparison {
  private static final String[] OPERATIONS = {"first apply", "no-op re-run", "validate"};

  private PeerComparison() {}

  /**
   * Runs the comparison.
   *
   * @param args {@code --sizes 200,1000 --databases h2,postgresql --runs 5 --out FILE}
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
    List<Integer> sizes = new ArrayList<>();
    for (String s : opts.getOrDefault("sizes", "200,1000").split(",")) {
      sizes.add(Integer.parseInt(s.trim()));
    }
    List<BenchDatabase.Kind> kinds = new ArrayList<>();
    for (String s : opts.getOrDefault("databases", "h2,postgresql").split(",")) {
      kinds.add(BenchDatabase.Kind.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    }
    quietPeers();

    List<MigrationTool> tools = List.of(new CutoverTool(), new FlywayTool(), new LiquibaseTool());
    StringBuilder out = new StringBuilder();
    out.append("| database | N | operation | plain JDBC | ");
    for (MigrationTool t : tools) {
      out.append(t.name()).append(" | ");
    }
    for (int i = 1; i < tools.size(); i++) {
      out.append(tools.get(i).name()).append(" / Cutover | ");
    }
    out.append('\n').append("|---|---:|---|---:|");
    out.append("---:|".repeat(tools.size() * 2 - 1)).append('\n');

    Random shuffle = new Random(42);
    for (BenchDatabase.Kind kind : kinds) {
      for (int n : sizes) {
        Path dir = Files.createTempDirectory("cutover-peers-");
        GeneratedMigrations m = GeneratedMigrations.write(n, dir);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        List<Double> plain = new ArrayList<>();
        for (int round = 0; round <= runs; round++) {
          boolean warmup = round == 0;
          List<MigrationTool> order = new ArrayList<>(tools);
          Collections.shuffle(order, shuffle);
          for (MigrationTool t : order) {
            double[] ms = measure(t, kind, m);
            if (!warmup) {
              for (int op = 0; op < OPERATIONS.length; op++) {
                samples.computeIfAbsent(t.name() + "|" + op, k -> new ArrayList<>()).add(ms[op]);
              }
            }
          }
          try (BenchDatabase db = BenchDatabase.create(kind)) {
            long t0 = System.nanoTime();
            PlainJdbcTool.apply(db, m);
            if (!warmup) {
              plain.add((System.nanoTime() - t0) / 1e6);
            }
          }
          System.err.printf("%s N=%d round %d%s done%n", kind, n, round, warmup ? " (warm-up)" : "");
        }
        for (int op = 0; op < OPERATIONS.length; op++) {
          out.append("| ").append(kind.name().toLowerCase(Locale.ROOT)).append(" | ").append(n)
              .append(" | ").append(OPERATIONS[op]).append(" | ")
              .append(op == 0 ? fmt(median(plain)) : "–").append(" | ");
          double ours = median(samples.get(tools.get(0).name() + "|" + op));
          for (MigrationTool t : tools) {
            out.append(fmt(median(samples.get(t.name() + "|" + op)))).append(" | ");
          }
          for (int i = 1; i < tools.size(); i++) {
            double theirs = median(samples.get(tools.get(i).name() + "|" + op));
            out.append(String.format(Locale.ROOT, "%.1f×", theirs / ours)).append(" | ");
          }
          out.append('\n');
        }
      }
    }
    System.out.println();
    System.out.print(out);
    if (opts.containsKey("out")) {
      Files.writeString(Path.of(opts.get("out")), out);
    }
  }

  /** Times first apply, no-op re-run and validate on a fresh database, in milliseconds. */
  private static double[] measure(MigrationTool t, BenchDatabase.Kind kind, GeneratedMigrations m)
      throws Exception {
    try (BenchDatabase db = BenchDatabase.create(kind)) {
      long t0 = System.nanoTime();
      t.apply(db, m);
      long t1 = System.nanoTime();
      t.rerun(db, m);
      long t2 = System.nanoTime();
      t.validate(db, m);
      long t3 = System.nanoTime();
      return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6};
    }
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String fmt(double ms) {
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  private static void quietPeers() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Logger.getLogger("liquibase").setLevel(Level.WARNING);
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: PeerComparison [--sizes 200,1000] [--databases h2,postgresql] [--runs 5]"
                + " [--out FILE]; bad argument '" + args[i] + "'");
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}
