package dev.cutover.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Checks the dependencies between the tasks of a plan, all at once: duplicate ids, unknown
 * dependencies and every cycle. {@link Plan.Builder#build()} runs it over the tasks of a plan
 * built in code; {@link PlanFiles} runs it over every task of a file that has an id, including
 * tasks refused for another reason, so that one error lists everything.
 *
 * <p>A dependency on a duplicated id is taken to mean its first task, so cycles are still found
 * when ids are duplicated. Not thread-safe; one instance per check.
 */
final class DependencyCheck {
  /** At most this many cycles are listed; the rest are counted in one more problem. */
  static final int MAX_CYCLES = 50;

  final List<PlanProblem> problems = new ArrayList<>();
  final IdIndex index;
  /** Whether some id is given to more than one task. */
  final boolean duplicates;
  /** The graph; its {@code order} is null if there is a cycle. */
  final PlanGraph graph;
  /** Every cycle listed, each in run order with its first task repeated at the end. */
  final List<List<String>> cycles = new ArrayList<>();

  private final List<String> ids;
  private final IntFunction<String> at;
  private Set<String> known;

  /**
   * Runs the check.
   *
   * @param ids the id of each task, null for a task without a readable id (nothing can depend on
   *     it, but its own dependencies are checked)
   * @param after the ids each task depends on, in its order
   * @param at where task {@code i} is, e.g. {@code tasks[3]}
   * @param duration each task's duration in milliseconds
   * @param variance each task's PERT variance, or null
   */
  DependencyCheck(
      List<String> ids, List<List<String>> after, IntFunction<String> at, long[] duration,
      double[] variance) {
    this.ids = ids;
    this.at = at;
    int n = ids.size();
    this.index = new IdIndex(n);
    boolean dup = false;
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      if (id == null) {
        continue;
      }
      int first = index.putIfAbsent(id, i);
      if (first >= 0) {
        dup = true;
        problems.add(
            new PlanProblem(
                at.apply(i) + ".id",
                "duplicate task id '" + id + "' (" + at.apply(first) + " and " + at.apply(i) + ")"));
      }
    }
    this.duplicates = dup;
    int edges = 0;
    for (List<String> a : after) {
      edges += a.size();
    }
    int[] predStart = new int[n + 1];
    int[] pred = new int[edges];
    int e = 0;
    for (int i = 0; i < n; i++) {
      predStart[i] = e;
      List<String> deps = after.get(i);
      for (int j = 0; j < deps.size(); j++) {
        int p = index.get(deps.get(j));
        if (p >= 0) {
          pred[e++] = p;
        } else {
          String who = ids.get(i) == null ? at.apply(i) : "task '" + ids.get(i) + "'";
          problems.add(
              new PlanProblem(
                  at.apply(i) + ".after[" + j + "]",
                  who + " depends on unknown task '" + deps.get(j) + "' (closest known: "
                      + String.join(", ", EditDistance.closest(deps.get(j), known(), 3)) + ")"));
        }
      }
    }
    predStart[n] = e;
    this.graph = new PlanGraph(duration, variance, predStart, e < edges ? Arrays.copyOf(pred, e) : pred);
    if (graph.order == null) {
      findCycles();
    }
  }

  private Set<String> known() {
    if (known == null) {
      known = new LinkedHashSet<>();
      for (String id : ids) {
        if (id != null) {
          known.add(id);
        }
      }
    }
    return known;
  }

  /**
   * Lists cycles until every dependency that lies on some cycle is on a listed one: each is the
   * shortest cycle through a dependency not yet shown, so a plan with several separate cycles
   * gets each of them, and tangled ones get enough to show every dependency that has to go.
   */
  private void findCycles() {
    int[] component = Components.strong(graph);
    int n = graph.n;
    // covered[e] for the dependency pred[e]
    boolean[] covered = new boolean[graph.pred.length];
    int left = 0;
    for (int v = 0; v < n; v++) {
      for (int e = graph.predStart[v]; e < graph.predStart[v + 1]; e++) {
        if (onCycle(component, v, graph.pred[e])) {
          left++;
        }
      }
    }
    int[] parent = new int[n];
    int[] queue = new int[n];
    Arrays.fill(parent, -2);
    List<Integer> touched = new ArrayList<>();
    for (int v = 0; v < n && left > 0; v++) {
      for (int e = graph.predStart[v]; e < graph.predStart[v + 1] && left > 0; e++) {
        int p = graph.pred[e];
        if (covered[e] || !onCycle(component, v, p)) {
          continue;
        }
        if (cycles.size() == MAX_CYCLES) {
          problems.add(
              new PlanProblem(
                  at.apply(v),
                  left + " more " + (left == 1 ? "dependency is" : "dependencies are")
                      + " on cycles not listed here (only the first " + MAX_CYCLES
                      + " cycles are listed)"));
          return;
        }
        // p runs before v: the cycle is p -> v -> ... -> p, the shortest way from v back to p.
        int[] loop = shortestPath(v, p, component, parent, queue, touched);
        int[] cycle = new int[loop.length + 1];
        cycle[0] = p;
        System.arraycopy(loop, 0, cycle, 1, loop.length);
        left -= cover(cycle, covered);
        add(cycle);
      }
    }
  }

  private static boolean onCycle(int[] component, int v, int p) {
    return component[v] == component[p] && component[v] >= 0;
  }

  /** Breadth-first from {@code from} to {@code to} within their component, in run order. */
  private int[] shortestPath(
      int from, int to, int[] component, int[] parent, int[] queue, List<Integer> touched) {
    int head = 0;
    int tail = 0;
    queue[tail++] = from;
    parent[from] = -1;
    touched.add(from);
    while (head < tail && parent[to] == -2) {
      int u = queue[head++];
      for (int e = graph.succStart[u]; e < graph.succStart[u + 1]; e++) {
        int w = graph.succ[e];
        if (parent[w] == -2 && component[w] == component[from]) {
          parent[w] = u;
          touched.add(w);
          queue[tail++] = w;
        }
      }
    }
    List<Integer> path = new ArrayList<>();
    for (int v = to; v != -1; v = parent[v]) {
      path.add(v);
    }
    for (int v : touched) {
      parent[v] = -2;
    }
    touched.clear();
    int[] out = new int[path.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = path.get(out.length - 1 - i);
    }
    return out;
  }

  /** Marks the dependencies along {@code cycle} as shown; returns how many were not yet. */
  private int cover(int[] cycle, boolean[] covered) {
    int newly = 0;
    for (int k = 0; k + 1 < cycle.length; k++) {
      int before = cycle[k];
      int v = cycle[k + 1];
      for (int e = graph.predStart[v]; e < graph.predStart[v + 1]; e++) {
        if (graph.pred[e] == before && !covered[e]) {
          covered[e] = true;
          newly++;
        }
      }
    }
    return newly;
  }

  /** Adds the cycle, started at its task that comes first in the plan. */
  private void add(int[] cycle) {
    int len = cycle.length - 1;
    int start = 0;
    for (int k = 1; k < len; k++) {
      if (cycle[k] < cycle[start]) {
        start = k;
      }
    }
    List<String> names = new ArrayList<>(len + 1);
    for (int k = 0; k <= len; k++) {
      names.add(ids.get(cycle[(start + k) % len]));
    }
    cycles.add(List.copyOf(names));
    problems.add(
        new PlanProblem(at.apply(cycle[start]), "tasks form a cycle: " + String.join(" -> ", names)));
  }
}
