package dev.cutover.plan;

/**
 * The forward and backward passes of the critical path method over a {@link PlanGraph}, in time
 * linear in tasks plus dependencies. Times are milliseconds from the plan's start.
 */
final class Cpm {
  final PlanGraph g;
  final long[] es;
  final long[] ef;
  final long[] ls;
  final long[] lf;
  /** The latest early finish. */
  final long end;
  /** The time the backward pass started from: the end, or a deadline. */
  final long target;

  /**
   * Runs both passes.
   *
   * @param duration each task's duration
   * @param fixedStart actual starts, -1 where not started; or null
   * @param fixedFinish actual finishes, -1 where not finished; or null
   * @param floor no task that has not started may start before this time
   * @param target the time to schedule back from, or {@link Long#MIN_VALUE} for the end
   */
  Cpm(PlanGraph g, long[] duration, long[] fixedStart, long[] fixedFinish, long floor, long target) {
    this.g = g;
    int n = g.n;
    es = new long[n];
    ef = new long[n];
    ls = new long[n];
    lf = new long[n];
    int[] order = g.order;
    int[] predStart = g.predStart;
    int[] pred = g.pred;
    long last = 0;
    for (int k = 0; k < n; k++) {
      int v = order[k];
      long start;
      long finish;
      if (fixedStart != null && fixedStart[v] >= 0) {
        start = fixedStart[v];
        finish = fixedFinish[v] >= 0 ? fixedFinish[v] : Math.max(start + duration[v], floor);
      } else {
        start = floor;
        for (int e = predStart[v], stop = predStart[v + 1]; e < stop; e++) {
          long f = ef[pred[e]];
          if (f > start) {
            start = f;
          }
        }
        finish = start + duration[v];
      }
      es[v] = start;
      ef[v] = finish;
      if (finish > last) {
        last = finish;
      }
    }
    this.end = last;
    this.target = target == Long.MIN_VALUE ? last : target;
    int[] succStart = g.succStart;
    int[] succ = g.succ;
    for (int k = n - 1; k >= 0; k--) {
      int v = order[k];
      long finish = this.target;
      for (int e = succStart[v], stop = succStart[v + 1]; e < stop; e++) {
        long s = ls[succ[e]];
        if (s < finish) {
          finish = s;
        }
      }
      lf[v] = finish;
      ls[v] = finish - (ef[v] - es[v]);
    }
  }

  long totalFloat(int v) {
    return lf[v] - ef[v];
  }

  long freeFloat(int v) {
    long next = target;
    for (int e = g.succStart[v]; e < g.succStart[v + 1]; e++) {
      next = Math.min(next, es[g.succ[e]]);
    }
    return next - ef[v];
  }

  boolean critical(int v, long criticalFloat) {
    return totalFloat(v) <= criticalFloat;
  }

  private boolean drivesCritical(int v, long criticalFloat) {
    for (int e = g.succStart[v]; e < g.succStart[v + 1]; e++) {
      int w = g.succ[e];
      if (es[w] == ef[v] && critical(w, criticalFloat)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The critical chain with the largest variance: critical tasks linked where one's early finish
   * is the next one's early start, ending at the end. Ties go to the lower task index.
   */
  int[] criticalChain(double[] variance, long criticalFloat) {
    int n = g.n;
    double[] best = new double[n];
    int[] from = new int[n];
    int endTask = -1;
    for (int k = 0; k < n; k++) {
      int v = g.order[k];
      from[v] = -1;
      if (!critical(v, criticalFloat)) {
        best[v] = Double.NEGATIVE_INFINITY;
        continue;
      }
      double b = 0;
      for (int e = g.predStart[v]; e < g.predStart[v + 1]; e++) {
        int p = g.pred[e];
        if (best[p] != Double.NEGATIVE_INFINITY
            && ef[p] == es[v]
            && (from[v] < 0 || best[p] > b || (best[p] == b && p < from[v]))) {
          b = best[p];
          from[v] = p;
        }
      }
      best[v] = b + (variance == null ? 0 : variance[v]);
      if (ef[v] == end
          && !drivesCritical(v, criticalFloat)
          && (endTask < 0 || best[v] > best[endTask] || (best[v] == best[endTask] && v < endTask))) {
        endTask = v;
      }
    }
    if (endTask < 0) {
      return new int[0];
    }
    int length = 0;
    for (int v = endTask; v >= 0; v = from[v]) {
      length++;
    }
    int[] chain = new int[length];
    for (int v = endTask; v >= 0; v = from[v]) {
      chain[--length] = v;
    }
    return chain;
  }
}
