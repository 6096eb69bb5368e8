package dev.cutover.plan;

import java.util.Arrays;

/**
 * Strongly connected components of a {@link PlanGraph}: Tarjan's algorithm with an explicit stack,
 * so that a chain of a million tasks does not overflow the thread's stack. Stateless.
 */
final class Components {
  private Components() {}

  /**
   * Numbers the strongly connected components.
   *
   * @param g the graph
   * @return for each task, the number of its component; two tasks are on a common cycle exactly
   *     when their numbers are equal
   */
  static int[] strong(PlanGraph g) {
    int n = g.n;
    int[] component = new int[n];
    int[] number = new int[n];
    int[] low = new int[n];
    Arrays.fill(number, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int top = 0;
    // the depth-first path: a task and the next of its successors to look at
    int[] path = new int[n];
    int[] next = new int[n];
    int depth = 0;
    int counter = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (number[root] >= 0) {
        continue;
      }
      path[0] = root;
      next[0] = g.succStart[root];
      depth = 1;
      number[root] = low[root] = counter++;
      stack[top++] = root;
      onStack[root] = true;
      while (depth > 0) {
        int v = path[depth - 1];
        if (next[depth - 1] < g.succStart[v + 1]) {
          int w = g.succ[next[depth - 1]++];
          if (number[w] < 0) {
            number[w] = low[w] = counter++;
            stack[top++] = w;
            onStack[w] = true;
            path[depth] = w;
            next[depth] = g.succStart[w];
            depth++;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], number[w]);
          }
          continue;
        }
        if (low[v] == number[v]) {
          int w;
          do {
            w = stack[--top];
            onStack[w] = false;
            component[w] = components;
          } while (w != v);
          components++;
        }
        depth--;
        if (depth > 0) {
          int parent = path[depth - 1];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return component;
  }
}
