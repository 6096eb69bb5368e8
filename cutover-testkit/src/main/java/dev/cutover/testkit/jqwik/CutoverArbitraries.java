package dev.cutover.testkit.jqwik;

import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import dev.cutover.testkit.CrashSchedule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for Cutover. Each shrinks towards the smallest case: plans towards fewer
 * tasks, fewer dependencies, no gates and one-minute durations; rows towards fewer rows and
 * small values; crash schedules towards fewer and earlier crashes. Use them from a {@code
 * @Provide} method:
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Plan> plans() {
 *   return CutoverArbitraries.plans(8);
 * }
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class CutoverArbitraries {
  private static final long FIRST_SECOND = LocalDateTime.of(2000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long LAST_SECOND = LocalDateTime.of(2039, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

  private CutoverArbitraries() {}

  /**
   * Random valid plans of 1 to {@code maxTasks} tasks {@code t01}, {@code t02}, ...: steps (most
   * of them), gates and milestones, each depending only on earlier tasks, so every plan is a DAG.
   * Steps have no action id, so an action binds by task id.
   *
   * @param maxTasks the most tasks, 1 to 99
   * @return the arbitrary
   * @throws IllegalArgumentException if maxTasks is out of range
   */
  public static Arbitrary<Plan> plans(int maxTasks) {
    if (maxTasks < 1 || maxTasks > 99) {
      throw new IllegalArgumentException("maxTasks must be between 1 and 99, got " + maxTasks);
    }
    Arbitrary<TaskKind> kinds = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(TaskKind.STEP)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(TaskKind.GATE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(TaskKind.MILESTONE)));
    Arbitrary<List<Integer>> deps = Arbitraries.integers().between(0, maxTasks - 1).list().ofMaxSize(3);
    Arbitrary<Integer> minutes = Arbitraries.integers().between(1, 120);
    Arbitrary<TaskSpec> spec = Combinators.combine(kinds, deps, minutes).as(TaskSpec::new);
    return spec.list().ofMinSize(1).ofMaxSize(maxTasks).map(CutoverArbitraries::plan);
  }

  private record TaskSpec(TaskKind kind, List<Integer> deps, int minutes) {}

  private static Plan plan(List<TaskSpec> specs) {
    Plan.Builder plan = Plan.builder("random-plan");
    for (int i = 0; i < specs.size(); i++) {
      TaskSpec s = specs.get(i);
      Task.Builder t = Task.builder(id(i)).kind(s.kind());
      TreeSet<Integer> after = new TreeSet<>();
      for (int d : s.deps()) {
        if (d < i) {
          after.add(d);
        }
      }
      List<String> ids = new ArrayList<>();
      after.forEach(d -> ids.add(id(d)));
      t.after(ids);
      if (s.kind() != TaskKind.MILESTONE) {
        t.duration(Duration.ofMinutes(s.minutes()));
      }
      plan.task(t.build());
    }
    return plan.build();
  }

  private static String id(int index) {
    return String.format("t%02d", index + 1);
  }

  /**
   * One random row for a table: a value for every column by name, of the column's Java type (see
   * {@link ColumnType}); NULL now and then where the column allows it.
   *
   * @param schema the table
   * @return the arbitrary
   */
  public static Arbitrary<Map<String, Object>> row(TableSchema schema) {
    Objects.requireNonNull(schema, "schema");
    List<Arbitrary<Object>> values = new ArrayList<>();
    for (Column c : schema.columns()) {
      Arbitrary<Object> v = value(c);
      values.add(c.nullable() && !c.name().equalsIgnoreCase(schema.keyColumn()) ? v.injectNull(0.1) : v);
    }
    return Combinators.combine(values).as(list -> {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        row.put(schema.columns().get(i).name(), list.get(i));
      }
      return java.util.Collections.unmodifiableMap(row);
    });
  }

  /**
   * Random rows for a table, 0 to {@code maxRows} of them, with distinct primary keys, ready for
   * {@link TableSchema#insert}.
   *
   * @param schema the table
   * @param maxRows the most rows, at least 0
   * @return the arbitrary
   * @throws IllegalArgumentException if maxRows is negative
   */
  public static Arbitrary<List<Map<String, Object>>> rows(TableSchema schema, int maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be non-negative, got " + maxRows);
    }
    String key = schema.columns().stream().filter(c -> c.name().equalsIgnoreCase(schema.keyColumn()))
        .findFirst().orElseThrow().name();
    return row(schema).list().ofMaxSize(maxRows).uniqueElements(r -> r.get(key));
  }

  /**
   * Random crash schedules: 1 to {@code maxCrashes} successive crashes, each at a durable point
   * below {@code maxPoint}.
   *
   * @param maxPoint one more than the highest point, at least 1 (e.g. the durable points of an
   *     uninterrupted run, from {@link dev.cutover.testkit.CrashReport#durablePoints()})
   * @param maxCrashes the most crashes in a row, at least 1
   * @return the arbitrary
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static Arbitrary<CrashSchedule> crashSchedules(int maxPoint, int maxCrashes) {
    if (maxPoint < 1 || maxCrashes < 1) {
      throw new IllegalArgumentException(
          "maxPoint and maxCrashes must be at least 1, got " + maxPoint + " and " + maxCrashes);
    }
    return Arbitraries.integers().between(0, maxPoint - 1).list().ofMinSize(1).ofMaxSize(maxCrashes)
        .map(CrashSchedule::new);
  }

  private static Arbitrary<Object> value(Column c) {
    switch (c.type()) {
      case BIGINT:
        return Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L).map(v -> v);
      case INTEGER:
        return Arbitraries.integers().between(-1_000_000, 1_000_000).map(v -> v);
      case DECIMAL: {
        BigDecimal max = new BigDecimal(BigInteger.TEN.pow(c.size() - c.scale()).subtract(BigInteger.ONE))
            .min(new BigDecimal("1000000000000"));
        return Arbitraries.bigDecimals().between(max.negate(), max).ofScale(c.scale()).map(v -> v);
      }
      case VARCHAR:
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
            .withCharRange('0', '9').withChars(' ', '\'', '-', '_')
            .ofMinLength(1).ofMaxLength(Math.min(c.size(), 40)).map(v -> v);
      case BOOLEAN:
        return Arbitraries.of(Boolean.FALSE, Boolean.TRUE).map(v -> v);
      case TIMESTAMP:
        return Arbitraries.longs().between(FIRST_SECOND, LAST_SECOND)
            .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
      default:
        throw new IllegalArgumentException("no values for column type " + c.type());
    }
  }
}
