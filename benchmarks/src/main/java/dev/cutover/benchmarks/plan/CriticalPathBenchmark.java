package dev.cutover.benchmarks.plan;

import dev.cutover.plan.Estimate;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanAnalysis;
import dev.cutover.plan.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Critical path analysis of random plans.
 *
 * <p>Workload: a plan of {@code tasks} tasks where every task from the fourth on depends on 3
 * distinct earlier tasks chosen at random (so about 3 edges per task; 3,000,000 edges at a million
 * tasks), durations from 1 to 120 minutes, every tenth task with a three-point estimate. {@code
 * analyze} measures {@link PlanAnalysis#of(Plan)} on a built plan: topological order already done,
 * forward and backward pass, float, and the riskiest critical path. {@code buildAndAnalyze} adds
 * validation from the task list: id index, CSR adjacency, Kahn's algorithm and cycle check.
 *
 * <p>Run: {@code ./mvnw -B -o -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true
 * && java -jar benchmarks/target/benchmarks.jar CriticalPathBenchmark -f 1 -wi 2 -i 3 -w 2s -r
 * 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class CriticalPathBenchmark {
  /** The number of tasks. */
  @Param({"10000", "100000", "1000000"})
  public int tasks;

  private List<Task> taskList;
  private Plan plan;

  /** Builds the random plan once per trial, with a fixed seed. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    taskList = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      Task.Builder t = Task.builder("t" + i);
      if (i >= 3) {
        int a = random.nextInt(i);
        int b;
        do {
          b = random.nextInt(i);
        } while (b == a);
        int c;
        do {
          c = random.nextInt(i);
        } while (c == a || c == b);
        t.after("t" + a, "t" + b, "t" + c);
      }
      long minutes = 1 + random.nextInt(120);
      if (i % 10 == 0) {
        t.estimate(
            new Estimate(
                Duration.ofMinutes(minutes),
                Duration.ofMinutes(minutes * 2),
                Duration.ofMinutes(minutes * 4)));
      } else {
        t.duration(Duration.ofMinutes(minutes));
      }
      taskList.add(t.build());
    }
    plan = Plan.builder("benchmark").tasks(taskList).build();
  }

  /**
   * Analyses the built plan.
   *
   * @return the analysis
   */
  @Benchmark
  public PlanAnalysis analyze() {
    return PlanAnalysis.of(plan);
  }

  /**
   * Validates the task list into a plan and analyses it.
   *
   * @return the analysis
   */
  @Benchmark
  public PlanAnalysis buildAndAnalyze() {
    return PlanAnalysis.of(Plan.builder("benchmark").tasks(taskList).build());
  }
}
