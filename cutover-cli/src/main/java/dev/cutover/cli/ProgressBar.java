package dev.cutover.cli;

import java.io.PrintWriter;

/**
 * A progress bar on standard error for long work (reading a large log), redrawn in place at most
 * ten times a second. Drawn only when the command runs in a terminal, so scripts and pipes see
 * nothing of it; {@link #close()} erases it. Thread-safe.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean animated;
  private long lastDraw = Long.MIN_VALUE;
  private boolean shown;

  private ProgressBar(PrintWriter err, String label, long total, boolean animated) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.animated = animated;
  }

  /**
   * Whether standard streams are a terminal that understands carriage return and erase-line.
   *
   * @return true when a bar may be drawn
   */
  static boolean interactive() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !"dumb".equals(term);
  }

  /**
   * A bar over {@code total} units of work, drawn only if {@link #interactive()} and the work is
   * at least {@code minimum} units (smaller work ends before a bar would help).
   */
  static ProgressBar of(PrintWriter err, String label, long total, long minimum) {
    return new ProgressBar(err, label, total, interactive() && total >= minimum);
  }

  /** Moves the bar to {@code done} of the total. */
  synchronized void update(long done) {
    if (!animated) {
      return;
    }
    long now = System.nanoTime();
    if (shown && now - lastDraw < REDRAW_NANOS && done < total) {
      return;
    }
    lastDraw = now;
    err.print("\r\033[K" + render(done, total, label));
    err.flush();
    shown = true;
  }

  /** The bar's text: {@code [#####-----]  42% label}. */
  static String render(long done, long total, String label) {
    long d = Math.max(0, Math.min(done, total));
    int filled = total <= 0 ? WIDTH : (int) (WIDTH * d / total);
    long percent = total <= 0 ? 100 : 100 * d / total;
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
        + String.format("%3d%%", percent) + " " + label;
  }

  @Override
  public synchronized void close() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
