package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidationTest {
  private static Task step(String id, String... after) {
    return Task.builder(id).duration(Duration.ofMinutes(5)).after(after).build();
  }

  @Test
  void build_refusesDuplicateIds_namingBothPositions() {
    PlanValidationException e =
        catchThrowableOfType(
            PlanValidationException.class,
            () -> Plan.builder("p").task(step("a")).task(step("b")).task(step("a")).build());
    assertThat(e.getProblems())
        .containsExactly(new PlanProblem("tasks[2].id", "duplicate task id 'a' (tasks[0] and tasks[2])"));
    assertThat(e.getPlanId()).isEqualTo("p");
  }

  @Test
  void build_refusesUnknownDependency_withClosestKnownIds() {
    PlanValidationException e =
        catchThrowableOfType(
            PlanValidationException.class,
            () ->
                Plan.builder("p")
                    .task(step("freeze"))
                    .task(step("snapshot"))
                    .task(step("migrate-accounts", "frezee"))
                    .build());
    assertThat(e.getProblems())
        .containsExactly(
            new PlanProblem(
                "tasks[2].after[0]",
                "task 'migrate-accounts' depends on unknown task 'frezee' (closest known: freeze,"
                    + " snapshot, migrate-accounts)"));
    assertThat(e).isNotInstanceOf(PlanCycleException.class);
  }

  @Test
  void build_refusesCycle_namingTheCycleInOrder() {
    PlanCycleException e =
        catchThrowableOfType(
            PlanCycleException.class,
            () ->
                Plan.builder("p")
                    .task(step("start"))
                    .task(step("a", "start", "c"))
                    .task(step("b", "a"))
                    .task(step("c", "b"))
                    .task(step("end", "c"))
                    .build());
    assertThat(e.getCycle()).hasSize(4);
    assertThat(e.getCycle().get(0)).isEqualTo(e.getCycle().get(3));
    // a runs before b, b before c, c before a, starting wherever the cycle was entered.
    String joined = String.join(" -> ", e.getCycle());
    assertThat(List.of("a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c")).contains(joined);
    assertThat(e.getMessage()).contains("tasks form a cycle: " + joined);
  }

  @Test
  void build_refusesSelfDependencyAsACycle() {
    PlanCycleException e =
        catchThrowableOfType(
            PlanCycleException.class, () -> Plan.builder("p").task(step("a", "a")).build());
    assertThat(e.getCycle()).containsExactly("a", "a");
  }

  @Test
  void build_listsEverySeparateCycle_eachInOrder_withTheOtherProblems() {
    PlanCycleException e =
        catchThrowableOfType(
            PlanCycleException.class,
            () ->
                Plan.builder("p")
                    .task(step("a", "b"))
                    .task(step("b", "a"))
                    .task(step("c", "e"))
                    .task(step("d", "c"))
                    .task(step("e", "d"))
                    .task(step("f", "zz"))
                    .build());
    assertThat(e.getCycles())
        .containsExactly(List.of("a", "b", "a"), List.of("c", "d", "e", "c"));
    assertThat(e.getCycle()).containsExactly("a", "b", "a");
    assertThat(e.getProblems())
        .containsExactly(
            new PlanProblem(
                "tasks[5].after[0]",
                "task 'f' depends on unknown task 'zz' (closest known: a, b, c)"),
            new PlanProblem("tasks[0]", "tasks form a cycle: a -> b -> a"),
            new PlanProblem("tasks[2]", "tasks form a cycle: c -> d -> e -> c"));
  }

  @Test
  void build_listsCyclesThatShareATask_soEveryDependencyOnACycleIsShown() {
    PlanCycleException e =
        catchThrowableOfType(
            PlanCycleException.class,
            () ->
                Plan.builder("p")
                    .task(step("start"))
                    .task(step("a", "start", "b", "c"))
                    .task(step("b", "a"))
                    .task(step("c", "a"))
                    .build());
    assertThat(e.getCycles()).containsExactly(List.of("a", "b", "a"), List.of("a", "c", "a"));
  }

  @Test
  void build_reportsCyclesEvenWhenIdsAreDuplicated() {
    PlanCycleException e =
        catchThrowableOfType(
            PlanCycleException.class,
            () ->
                Plan.builder("p")
                    .task(step("a", "b"))
                    .task(step("b", "a"))
                    .task(step("a"))
                    .build());
    assertThat(e.getProblems())
        .containsExactly(
            new PlanProblem("tasks[2].id", "duplicate task id 'a' (tasks[0] and tasks[2])"),
            new PlanProblem("tasks[0]", "tasks form a cycle: a -> b -> a"));
  }

  @Test
  void build_ofALongChainClosedIntoACycle_namesItWithoutOverflowingTheStack() {
    int n = 200_000;
    Plan.Builder b = Plan.builder("p").task(step("t0", "t" + (n - 1)));
    for (int i = 1; i < n; i++) {
      b.task(step("t" + i, "t" + (i - 1)));
    }
    PlanCycleException e = catchThrowableOfType(PlanCycleException.class, b::build);
    assertThat(e.getCycles()).hasSize(1);
    assertThat(e.getCycle()).hasSize(n + 1).startsWith("t0", "t1").endsWith("t" + (n - 1), "t0");
  }

  @Test
  void build_listsAtMostFiftyCycles_andCountsTheDependenciesLeftOut() {
    Plan.Builder b = Plan.builder("p");
    for (int i = 0; i < 60; i++) {
      b.task(step("x" + i, "y" + i)).task(step("y" + i, "x" + i));
    }
    PlanCycleException e = catchThrowableOfType(PlanCycleException.class, b::build);
    assertThat(e.getCycles()).hasSize(50);
    assertThat(e.getProblems()).hasSize(51);
    assertThat(e.getProblems().get(50))
        .isEqualTo(
            new PlanProblem(
                "tasks[100]",
                "20 more dependencies are on cycles not listed here (only the first 50 cycles are"
                    + " listed)"));
  }

  @Test
  void build_listsEveryProblemAtOnce() {
    PlanValidationException e =
        catchThrowableOfType(
            PlanValidationException.class,
            () ->
                Plan.builder("p")
                    .task(step("a", "x"))
                    .task(step("b", "y"))
                    .build());
    assertThat(e.getProblems()).hasSize(2);
    assertThat(e.getMessage())
        .startsWith("plan 'p' is invalid (2 problems):\n")
        .contains("tasks[0].after[0]: task 'a' depends on unknown task 'x'")
        .contains("tasks[1].after[0]: task 'b' depends on unknown task 'y'");
  }

  @Test
  void build_refusesEmptyPlan() {
    assertThatThrownBy(() -> Plan.builder("p").build())
        .isInstanceOf(PlanValidationException.class)
        .hasMessageContaining("plan 'p' has no tasks");
  }

  @Test
  void task_refusesZeroLengthStepAndGate_andNonZeroMilestone() {
    assertThatThrownBy(() -> Task.builder("s").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 's' is a step and needs a positive duration or estimate, got none");
    assertThatThrownBy(() -> Task.builder("g").kind(TaskKind.GATE).duration(Duration.ZERO).build())
        .hasMessage("task 'g' is a gate and needs a positive duration or estimate, got PT0S");
    assertThatThrownBy(
            () -> Task.builder("m").kind(TaskKind.MILESTONE).duration(Duration.ofMinutes(1)).build())
        .hasMessage("task 'm' is a milestone and must have zero duration, got PT1M");
    assertThat(Task.builder("m").kind(TaskKind.MILESTONE).build().duration()).isZero();
  }

  @Test
  void task_refusesNegativeDurations() {
    assertThatThrownBy(() -> Task.builder("s").duration(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration must not be negative, got PT-1M");
    assertThatThrownBy(() -> Task.builder("s").buffer(Duration.ofSeconds(-1)))
        .hasMessage("buffer must not be negative, got PT-1S");
    assertThatThrownBy(
            () -> new Estimate(Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(9)))
        .hasMessage("estimate must satisfy optimistic <= likely <= pessimistic, got PT5M, PT3M, PT9M");
  }

  @Test
  void taskBuilder_checksEveryArgument() {
    assertThatThrownBy(() -> Task.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("id");
    assertThatThrownBy(() -> Task.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Task.builder("a").after("b", "b"))
        .hasMessage("task 'a' lists dependency 'b' more than once");
    assertThatThrownBy(() -> Task.builder("a").duration(Duration.ofMinutes(1)).duration(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                Task.builder("a")
                    .duration(Duration.ofMinutes(1))
                    .estimate(new Estimate(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(2))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> Task.builder("g").kind(TaskKind.GATE).duration(Duration.ofMinutes(1)).action("x").build())
        .hasMessage("task 'g' is a gate; only a step has an action");
    assertThatThrownBy(() -> Task.builder("a").duration(Duration.ofNanos(1500)))
        .hasMessageContaining("whole number of milliseconds");
  }

  @Test
  void refusedPlan_leavesTheBuilderUsable_andBuildsOnceFixed() {
    Plan.Builder b = Plan.builder("p").task(step("a", "b"));
    assertThatThrownBy(b::build).isInstanceOf(PlanValidationException.class);
    Plan plan = b.task(step("b")).build();
    assertThat(plan.size()).isEqualTo(2);
    assertThat(plan.analyze().criticalPath()).containsExactly("b", "a");
  }

  @Test
  void plan_exposesTasksIrreversibleAndDeadline() {
    Plan plan =
        Plan.builder("p")
            .deadline(Duration.ofHours(2))
            .task(step("a"))
            .task(Task.builder("switch").duration(Duration.ofMinutes(1)).after("a").irreversible().build())
            .build();
    assertThat(plan.irreversibleTasks()).containsExactly("switch");
    assertThat(plan.deadline()).contains(Duration.ofHours(2));
    assertThat(plan.task("a")).isPresent();
    assertThat(plan.task("zz")).isEmpty();
    assertThatThrownBy(() -> plan.tasks().add(step("c"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plan.analyze().schedule("aa"))
        .hasMessage("plan 'p' has no task 'aa' (closest known: a, switch)");
  }
}
