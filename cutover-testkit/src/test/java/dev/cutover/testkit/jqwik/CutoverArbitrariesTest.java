package dev.cutover.testkit.jqwik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.migration.JavaStep;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import dev.cutover.testkit.CrashReport;
import dev.cutover.testkit.CrashScenario;
import dev.cutover.testkit.CrashSchedule;
import dev.cutover.testkit.DatabaseKind;
import dev.cutover.testkit.DatabaseState;
import dev.cutover.testkit.MigrationTask;
import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Shrinkable;

class CutoverArbitrariesTest {
  static final TableSchema ACCOUNTS = new TableSchema("accounts", List.of(
      Column.of("id", ColumnType.BIGINT),
      Column.varchar("owner", 30),
      Column.decimal("balance", 12, 2),
      Column.of("active", ColumnType.BOOLEAN),
      Column.of("opened", ColumnType.TIMESTAMP).orNull(),
      Column.of("branch", ColumnType.INTEGER).orNull()), "id");

  @Provide
  Arbitrary<Plan> plans() {
    return CutoverArbitraries.plans(12);
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> accounts() {
    return CutoverArbitraries.rows(ACCOUNTS, 20);
  }

  @Provide
  Arbitrary<CrashSchedule> schedules() {
    return CutoverArbitraries.crashSchedules(30, 3);
  }

  @Property(tries = 300)
  void plans_areDagsOfStepsGatesAndMilestonesOverEarlierTasks(@ForAll("plans") Plan plan) {
    assertThat(plan.size()).isBetween(1, 12);
    Set<String> seen = new HashSet<>();
    for (Task t : plan.tasks()) {
      assertThat(seen).containsAll(t.after());
      assertThat(t.kind() == TaskKind.MILESTONE ? t.duration().isZero() : !(t.duration().isZero() || t.duration().isNegative())).isTrue();
      seen.add(t.id());
    }
    assertThat(plan.analyze()).isNotNull();
  }

  @Property(tries = 30)
  void rows_fitTheirTable_withDistinctKeys(@ForAll("accounts") List<Map<String, Object>> rows) throws Exception {
    try (TestDatabase db = TestDatabase.open(DatabaseKind.H2); Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE accounts (id BIGINT NOT NULL PRIMARY KEY, owner VARCHAR(30) NOT NULL,"
            + " balance DECIMAL(12,2) NOT NULL, active BOOLEAN NOT NULL, opened TIMESTAMP, branch INTEGER)");
      }
      assertThat(ACCOUNTS.insert(c, rows)).isEqualTo(rows.size());
      assertThat(DatabaseState.capture(c, Set.of()).rowCount("accounts")).isEqualTo(rows.size());
      assertThat(TableSchema.read(c, "ACCOUNTS")).isEqualTo(ACCOUNTS);
    }
  }

  @Property(tries = 200)
  void crashSchedules_stayInRange(@ForAll("schedules") CrashSchedule schedule) {
    assertThat(schedule.crashPoints()).hasSizeBetween(1, 3).allSatisfy(p -> assertThat(p).isBetween(0, 29));
  }

  /** A step per task that records itself in a table and knows from that table whether it ran. */
  static CrashScenario scenarioFor(Plan plan, Predicate<Task> unsafe) {
    return CrashScenario.builder()
        .plan(plan)
        .setup(db -> {
          try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE effects (task VARCHAR(10) NOT NULL)");
          }
        })
        .actions((engine, db) -> {
          for (Task t : plan.tasks()) {
            if (t.kind() == TaskKind.STEP) {
              engine.action(t.id(), MigrationTask.of(effect(t.id(), unsafe.test(t)), db));
            } else if (t.kind() == TaskKind.GATE) {
              engine.gate(t.id(), id -> new GateResult("test", GateDecision.GO, "fine", Instant.EPOCH, Map.of()));
            }
          }
        })
        .build();
  }

  static JavaStep effect(String task, boolean unsafe) {
    return JavaStep.builder().id(task).version("1")
        .apply(ctx -> {
          try (PreparedStatement p = ctx.connection().prepareStatement("INSERT INTO effects VALUES (?)")) {
            p.setString(1, task);
            return Map.of("rows", (long) p.executeUpdate());
          }
        })
        .isApplied(ctx -> {
          if (unsafe) {
            return false;
          }
          try (PreparedStatement p = ctx.connection().prepareStatement("SELECT COUNT(*) FROM effects WHERE task = ?")) {
            p.setString(1, task);
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              return rs.getLong(1) > 0;
            }
          }
        })
        .build();
  }

  @Property(tries = 3)
  void randomPlansOfSafeSteps_surviveACrashAtEveryDurablePoint(@ForAll("smallPlans") Plan plan) {
    CrashReport report = scenarioFor(plan, t -> false).explore();
    assertThat(report.passed()).as(report.render()).isTrue();
  }

  @Provide
  Arbitrary<Plan> smallPlans() {
    return CutoverArbitraries.plans(5);
  }

  @Example
  void shrinking_yieldsAMinimalFailingPlan() {
    // Steps that depend on another step are crash-unsafe; the smallest plan that shows it has two.
    Predicate<Plan> fails = plan -> plan.tasks().stream().anyMatch(t -> unsafeStep(plan, t))
        && !scenarioFor(plan, t -> unsafeStep(plan, t)).explore().passed();
    Random random = new Random(20261121L);
    Shrinkable<Plan> current = null;
    for (int i = 0; i < 200 && current == null; i++) {
      Shrinkable<Plan> s = CutoverArbitraries.plans(6).generator(100).next(random);
      if (s.value().size() >= 4 && fails.test(s.value())) {
        current = s;
      }
    }
    assertThat(current).as("a failing plan of at least 4 tasks").isNotNull();
    boolean shrunk = true;
    while (shrunk) {
      shrunk = false;
      for (Shrinkable<Plan> candidate : (Iterable<Shrinkable<Plan>>) current.shrink().limit(50)::iterator) {
        if (fails.test(candidate.value())) {
          current = candidate;
          shrunk = true;
          break;
        }
      }
    }
    Plan minimal = current.value();
    assertThat(minimal.tasks()).extracting(Task::id).containsExactly("t01", "t02");
    assertThat(minimal.tasks().get(1).after()).containsExactly("t01");
    assertThat(minimal.tasks()).extracting(Task::kind).containsOnly(TaskKind.STEP);
  }

  private static boolean unsafeStep(Plan plan, Task t) {
    return t.kind() == TaskKind.STEP && t.after().stream()
        .anyMatch(d -> plan.task(d).map(x -> x.kind() == TaskKind.STEP).orElse(false));
  }

  @Example
  void arbitraries_refuseBadBounds() {
    assertThatThrownBy(() -> CutoverArbitraries.plans(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTasks must be between 1 and 99, got 0");
    assertThatThrownBy(() -> CutoverArbitraries.crashSchedules(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CutoverArbitraries.rows(ACCOUNTS, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TableSchema("t", List.of(Column.of("id", ColumnType.BOOLEAN)), "id"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key column 'id'");
    assertThatThrownBy(() -> Column.decimal("amount", 5, 6)).isInstanceOf(IllegalArgumentException.class);
  }
}
