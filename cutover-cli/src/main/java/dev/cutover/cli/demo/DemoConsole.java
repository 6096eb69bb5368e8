package dev.cutover.cli.demo;

import dev.cutover.engine.EngineEvent;
import dev.cutover.engine.EngineListener;
import dev.cutover.engine.EngineState;
import dev.cutover.migration.movement.ChunkProgress;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Shows a run as it happens: each decision the engine logs as one line on standard output, and a
 * progress bar on standard error, redrawn in place when standard error is a terminal and written
 * as plain lines otherwise. Thread-safe: every write is synchronized.
 */
final class DemoConsole implements EngineListener {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean animated;
  private final int total;
  private long completed;
  private String detail = "";
  private final Map<String, Long> lastQuarter = new java.util.HashMap<>();
  private boolean barShown;

  DemoConsole(PrintWriter out, PrintWriter err, boolean animated, int total) {
    this.out = out;
    this.err = err;
    this.animated = animated;
    this.total = total;
  }

  @Override
  public synchronized void onAppended(long seq, EngineEvent event, EngineState state, String stateDigest) {
    String line = describe(event);
    if (line == null) {
      return;
    }
    clearBar();
    out.printf("  [%3d] %s%n", seq, line);
    out.flush();
    redraw();
  }

  @Override
  public synchronized void onProgress(long done, int all) {
    completed = done;
    detail = "";
    if (animated) {
      redraw();
    } else {
      err.println("progress: " + done + "/" + all + " tasks " + bar(done, all));
      err.flush();
    }
  }

  @Override
  public synchronized void onHold(String gateId, String reason) {
    clearBar();
    out.println("  gate " + gateId + " holds: " + reason);
    out.flush();
    redraw();
  }

  /** Chunk progress of a data movement step. */
  synchronized void chunk(ChunkProgress p, long expectedRows) {
    long percent = Math.min(100, 100 * p.totalRows() / Math.max(1, expectedRows));
    detail = p.stepId() + " " + p.totalRows() + "/" + expectedRows + " rows";
    if (animated) {
      redraw();
    } else if (!Long.valueOf(percent / 25).equals(lastQuarter.put(p.stepId(), percent / 25))) {
      err.println("progress: " + detail + " (" + percent + "%)");
      err.flush();
    }
  }

  /** Ends the bar line, so what follows starts on a fresh line. */
  synchronized void finish() {
    clearBar();
  }

  private void redraw() {
    if (!animated) {
      return;
    }
    err.print("\r\033[K" + bar(completed, total) + " " + completed + "/" + total + " tasks"
        + (detail.isEmpty() ? "" : "  " + detail));
    err.flush();
    barShown = true;
  }

  private void clearBar() {
    if (animated && barShown) {
      err.print("\r\033[K");
      err.flush();
      barShown = false;
    }
  }

  private static String bar(long done, int all) {
    int filled = (int) (WIDTH * done / Math.max(1, all));
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
  }

  /** One line per decision; null for events that are not worth a line (task.started). */
  static String describe(EngineEvent e) {
    Map<String, Object> d = e.data();
    switch (e.type()) {
      case "run.started":
        return "run started: plan " + d.get("plan") + ", parallelism " + d.get("parallelism");
      case "run.resumed":
        return "run resumed by " + d.get("owner") + " from the log";
      case "snapshot.taken":
        return "snapshot of scope '" + d.get("scope") + "' for " + d.get("task") + ": " + shortHash(d.get("digest"));
      case "task.completed":
        return d.containsKey("milestone")
            ? "milestone " + d.get("task") + " reached"
            : "completed " + d.get("task") + " in " + d.get("millis") + " ms" + outcome(d);
      case "task.resolved":
        return "resolved " + d.get("task") + " left in flight: " + d.get("resolution");
      case "task.failed":
        return "FAILED " + d.get("task") + " in " + d.get("phase") + ": " + d.get("reason");
      case "gate.decided":
        return "gate " + d.get("gate") + ": " + d.get("decision") + " (" + d.get("reason") + ")";
      case "rollback.requested":
        return "rollback requested: " + d.get("reason");
      case "task.undo.started":
        return "undoing " + d.get("task") + " by " + d.get("kind");
      case "task.undo.completed":
        return "undone " + d.get("task") + ", verified";
      case "task.undo.failed":
        return "UNDO FAILED " + d.get("task") + ": " + d.get("manual");
      case "run.finished":
        return "run finished: " + d.get("status");
      default:
        return null;
    }
  }

  private static String outcome(Map<String, Object> d) {
    Object ev = d.get("evidence");
    if (ev instanceof Map && ((Map<?, ?>) ev).get("outcome") != null) {
      return " (" + ((Map<?, ?>) ev).get("outcome").toString().toLowerCase(java.util.Locale.ROOT) + ")";
    }
    return "";
  }

  private static String shortHash(Object h) {
    String s = String.valueOf(h);
    return s.length() > 16 ? s.substring(0, 16) + "..." : s;
  }
}
