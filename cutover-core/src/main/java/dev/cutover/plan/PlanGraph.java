package dev.cutover.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan's dependency graph as int arrays: predecessor and successor lists in compressed sparse
 * row form, durations in milliseconds, and a topological order. No recursion and no boxing, so a
 * chain of a million tasks neither overflows the stack nor fills the heap with objects.
 */
final class PlanGraph {
  final int n;
  final long[] duration;
  /** PERT variance per task in square milliseconds, or null if no task has an estimate. */
  final double[] variance;
  final int[] predStart;
  final int[] pred;
  final int[] succStart;
  final int[] succ;
  /** A topological order, or null if the graph has a cycle. */
  final int[] order;
  /** A cycle as task indexes in dependency order (first repeated at the end), or null. */
  final int[] cycle;

  /**
   * Builds the graph. {@code pred[predStart[i] .. predStart[i+1])} are the tasks that {@code i}
   * waits for.
   */
  PlanGraph(long[] duration, double[] variance, int[] predStart, int[] pred) {
    this.n = duration.length;
    this.duration = duration;
    this.variance = variance;
    this.predStart = predStart;
    this.pred = pred;
    int m = pred.length;
    int[] outDegree = new int[n + 1];
    for (int e = 0; e < m; e++) {
      outDegree[pred[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      outDegree[i + 1] += outDegree[i];
    }
    this.succStart = outDegree;
    this.succ = new int[m];
    int[] fill = new int[n];
    for (int v = 0; v < n; v++) {
      for (int e = predStart[v]; e < predStart[v + 1]; e++) {
        int u = pred[e];
        succ[succStart[u] + fill[u]++] = v;
      }
    }
    if (forwardOnly(predStart, pred, n)) {
      // Tasks listed in dependency order (the usual case for plan files) are already a
      // topological order; keeping it makes both passes walk the arrays sequentially.
      int[] identity = new int[n];
      for (int v = 0; v < n; v++) {
        identity[v] = v;
      }
      this.order = identity;
      this.cycle = null;
      return;
    }
    int[] inDegree = new int[n];
    for (int v = 0; v < n; v++) {
      inDegree[v] = predStart[v + 1] - predStart[v];
    }
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int v = 0; v < n; v++) {
      if (inDegree[v] == 0) {
        queue[tail++] = v;
      }
    }
    while (head < tail) {
      int u = queue[head++];
      for (int e = succStart[u]; e < succStart[u + 1]; e++) {
        int v = succ[e];
        if (--inDegree[v] == 0) {
          queue[tail++] = v;
        }
      }
    }
    if (tail == n) {
      this.order = queue;
      this.cycle = null;
    } else {
      this.order = null;
      this.cycle = findCycle(inDegree);
    }
  }

  private static boolean forwardOnly(int[] predStart, int[] pred, int n) {
    for (int v = 0; v < n; v++) {
      for (int e = predStart[v]; e < predStart[v + 1]; e++) {
        if (pred[e] >= v) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Every task left with a positive in-degree after Kahn's algorithm waits for another such task,
   * so walking predecessors among them must come back to a task already seen.
   */
  private int[] findCycle(int[] inDegree) {
    int start = 0;
    while (inDegree[start] == 0) {
      start++;
    }
    int[] position = new int[n];
    java.util.Arrays.fill(position, -1);
    List<Integer> walk = new ArrayList<>();
    int v = start;
    while (position[v] < 0) {
      position[v] = walk.size();
      walk.add(v);
      int next = -1;
      for (int e = predStart[v]; e < predStart[v + 1]; e++) {
        if (inDegree[pred[e]] > 0) {
          next = pred[e];
          break;
        }
      }
      v = next;
    }
    // walk[position[v]..] goes against the dependencies; reverse it into run order.
    List<Integer> loop = walk.subList(position[v], walk.size());
    int[] out = new int[loop.size() + 1];
    for (int i = 0; i < loop.size(); i++) {
      out[i] = loop.get(loop.size() - 1 - i);
    }
    out[loop.size()] = out[0];
    return out;
  }
}
