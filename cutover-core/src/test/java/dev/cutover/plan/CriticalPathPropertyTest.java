package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The CPM against a brute-force reference that enumerates every path of small random DAGs. */
class CriticalPathPropertyTest {

  /** A random DAG: edges only from lower to higher index, so no cycles; some zero durations. */
  record Dag(int n, long[] duration, boolean[][] edge) {
    static Dag random(int n, long seed) {
      Random r = new Random(seed);
      long[] d = new long[n];
      boolean[][] e = new boolean[n][n];
      for (int i = 0; i < n; i++) {
        d[i] = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(9);
        for (int j = i + 1; j < n; j++) {
          e[i][j] = r.nextInt(3) == 0;
        }
      }
      return new Dag(n, d, e);
    }

    Plan plan(int[] insertionOrder) {
      Plan.Builder b = Plan.builder("random");
      for (int v : insertionOrder) {
        Task.Builder t = Task.builder("t" + v);
        if (duration[v] == 0) {
          t.kind(TaskKind.MILESTONE);
        } else {
          t.duration(Duration.ofMinutes(duration[v]));
        }
        for (int u = 0; u < n; u++) {
          if (edge[u][v]) {
            t.after("t" + u);
          }
        }
        b.task(t.build());
      }
      return b.build();
    }

    /** Every path (as a list of nodes) in the DAG, by brute force. */
    List<List<Integer>> paths() {
      List<List<Integer>> out = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        extend(new ArrayList<>(List.of(s)), out);
      }
      return out;
    }

    private void extend(List<Integer> path, List<List<Integer>> out) {
      out.add(List.copyOf(path));
      int last = path.get(path.size() - 1);
      for (int w = 0; w < n; w++) {
        if (edge[last][w]) {
          path.add(w);
          extend(path, out);
          path.remove(path.size() - 1);
        }
      }
    }

    long length(List<Integer> path) {
      long sum = 0;
      for (int v : path) {
        sum += duration[v];
      }
      return sum;
    }
  }

  @Property(tries = 300)
  void analyze_agreesWithBruteForceOverAllPaths(
      @ForAll @IntRange(min = 1, max = 9) int n, @ForAll long seed) {
    Dag dag = Dag.random(n, seed);
    int[] order = new int[n];
    List<Integer> shuffled = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      shuffled.add(i);
    }
    java.util.Collections.shuffle(shuffled, new Random(~seed));
    for (int i = 0; i < n; i++) {
      order[i] = shuffled.get(i);
    }
    PlanAnalysis a = dag.plan(order).analyze();
    List<List<Integer>> paths = dag.paths();
    long end = 0;
    for (List<Integer> p : paths) {
      end = Math.max(end, dag.length(p));
    }
    assertThat(a.duration()).isEqualTo(Duration.ofMinutes(end));
    for (int v = 0; v < n; v++) {
      long es = 0;
      long tail = 0;
      for (List<Integer> p : paths) {
        if (p.get(p.size() - 1) == v) {
          es = Math.max(es, dag.length(p) - dag.duration[v]);
        }
        if (p.get(0) == v) {
          tail = Math.max(tail, dag.length(p));
        }
      }
      long ls = end - tail;
      long ef = es + dag.duration[v];
      long nextStart = end;
      for (int w = 0; w < n; w++) {
        if (dag.edge[v][w]) {
          long esW = 0;
          for (List<Integer> p : paths) {
            if (p.get(p.size() - 1) == w) {
              esW = Math.max(esW, dag.length(p) - dag.duration[w]);
            }
          }
          nextStart = Math.min(nextStart, esW);
        }
      }
      TaskSchedule s = a.schedule("t" + v);
      assertThat(s.earlyStart()).as("ES of t%d", v).isEqualTo(Duration.ofMinutes(es));
      assertThat(s.earlyFinish()).as("EF of t%d", v).isEqualTo(Duration.ofMinutes(ef));
      assertThat(s.lateStart()).as("LS of t%d", v).isEqualTo(Duration.ofMinutes(ls));
      assertThat(s.lateFinish()).as("LF of t%d", v).isEqualTo(Duration.ofMinutes(ls + dag.duration[v]));
      assertThat(s.totalFloat()).as("TF of t%d", v).isEqualTo(Duration.ofMinutes(ls - es));
      assertThat(s.freeFloat()).as("FF of t%d", v).isEqualTo(Duration.ofMinutes(nextStart - ef));
      assertThat(s.critical()).isEqualTo(ls == es);
    }
    // Critical paths: every path as long as the project that cannot be extended at either end.
    Set<List<String>> expected = new HashSet<>();
    for (List<Integer> p : paths) {
      if (dag.length(p) != end) {
        continue;
      }
      boolean maximal = true;
      for (int u = 0; u < n; u++) {
        if (dag.edge[u][p.get(0)] && dag.duration[u] == 0) {
          maximal = false;
        }
        if (dag.edge[p.get(p.size() - 1)][u] && dag.duration[u] == 0) {
          maximal = false;
        }
      }
      if (maximal) {
        List<String> ids = new ArrayList<>();
        p.forEach(v -> ids.add("t" + v));
        expected.add(ids);
      }
    }
    assertThat(new HashSet<>(a.criticalPaths(100_000))).isEqualTo(expected);
    assertThat(expected).contains(a.criticalPath());
    // With no progress yet, a re-forecast is the plan itself.
    Reforecast r = a.reforecast(Progress.builder().build());
    assertThat(r.projectedEnd()).isEqualTo(a.duration());
    for (int v = 0; v < n; v++) {
      assertThat(r.schedule("t" + v)).isEqualTo(a.schedule("t" + v));
    }
    assertThat(expected).contains(r.criticalPath());
  }

  @Property(tries = 200)
  void reforecast_tasksFinishedExactlyOnPlan_changeNothing(
      @ForAll @IntRange(min = 1, max = 9) int n, @ForAll long seed) {
    Dag dag = Dag.random(n, seed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    PlanAnalysis a = dag.plan(order).analyze();
    // At the midpoint: tasks planned to finish by then finished on time, tasks planned to be
    // running are running since their planned start.
    long mid = a.duration().toMillis() / 2;
    Progress.Builder p = Progress.builder();
    for (int v = 0; v < n; v++) {
      TaskSchedule s = a.schedule("t" + v);
      if (s.earlyFinish().toMillis() <= mid) {
        p.started("t" + v, s.earlyStart()).finished("t" + v, s.earlyFinish());
      } else if (s.earlyStart().toMillis() < mid) {
        p.started("t" + v, s.earlyStart());
      }
    }
    Reforecast r = a.reforecast(p.asOf(Duration.ofMillis(mid)).build());
    assertThat(r.projectedEnd()).isEqualTo(a.duration());
    assertThat(r.slip()).isZero();
    for (int v = 0; v < n; v++) {
      assertThat(r.schedule("t" + v).earlyStart()).isEqualTo(a.schedule("t" + v).earlyStart());
      assertThat(r.schedule("t" + v).earlyFinish()).isEqualTo(a.schedule("t" + v).earlyFinish());
      assertThat(r.schedule("t" + v).totalFloat()).isEqualTo(a.schedule("t" + v).totalFloat());
    }
    assertThat(r.negativeFloat()).isEmpty();
  }
}
