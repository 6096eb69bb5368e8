package dev.cutover.report;

import static dev.cutover.report.Fmt.esc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inline SVG Gantt chart: per task a planned bar over an actual bar, the critical path in its
 * own colour, the point of no return, gate decisions, incidents and rollback bands.
 */
final class GanttSvg {
  static final int WIDTH = 1240;
  private static final int LABEL_WIDTH = 300;
  private static final int CHART_X0 = LABEL_WIDTH + 10;
  private static final int CHART_X1 = WIDTH - 24;
  private static final int TOP = 46;
  private static final int ROW = 32;
  private static final long[] STEPS_SECONDS = {
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400
  };

  private final ReportModel model;
  private final Fmt fmt;
  private final Instant from;
  private final Instant to;

  GanttSvg(ReportModel model, Fmt fmt) {
    this.model = model;
    this.fmt = fmt;
    List<Instant> points = instants(model);
    Instant min = points.stream().min(Comparator.naturalOrder()).orElseThrow();
    Instant max = points.stream().max(Comparator.naturalOrder()).orElseThrow();
    if (!max.isAfter(min)) {
      max = min.plusSeconds(60);
    }
    // A little air on the right so that the last bar's end is visible.
    long spanMs = Duration.between(min, max).toMillis();
    this.from = min;
    this.to = max.plusMillis(Math.max(1, spanMs / 40));
  }

  /** Every instant the chart must show: planned and actual times, decisions, incidents. */
  static List<Instant> instants(ReportModel model) {
    List<Instant> points = new ArrayList<>();
    points.add(model.plannedStart());
    points.add(model.plannedEnd());
    for (ReportTask t : model.tasks()) {
      t.actualStart().ifPresent(points::add);
      t.actualFinish().ifPresent(points::add);
    }
    for (ReportGate g : model.gates()) {
      g.decidedAt().ifPresent(points::add);
    }
    for (ReportRollback r : model.rollbacks()) {
      points.add(r.startedAt());
      r.finishedAt().ifPresent(points::add);
      r.undone().forEach(u -> u.at().ifPresent(points::add));
    }
    model.incidents().forEach(i -> points.add(i.at()));
    model.notes().forEach(n -> points.add(n.at()));
    return points;
  }

  /** The end of the record: where running tasks and rollbacks are drawn up to. */
  private Instant endOfRecord() {
    return instants(model).stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  private double x(Instant t) {
    double span = Duration.between(from, to).toMillis();
    double at = Duration.between(from, t).toMillis();
    return CHART_X0 + (CHART_X1 - CHART_X0) * (at / span);
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  int height() {
    return TOP + ROW * Math.max(1, model.tasks().size()) + 8;
  }

  void render(StringBuilder out) {
    int rows = model.tasks().size();
    int chartBottom = TOP + ROW * Math.max(1, rows);
    out.append("<svg class=\"gantt\" role=\"img\"")
        .append(" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height())
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height())
        .append("\" data-tasks=\"").append(rows).append("\">\n")
        .append("<title>Planned against actual times of plan ").append(esc(model.planId()))
        .append("</title>\n");
    out.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
        .append(" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f59f00\"/>")
        .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff3bf\" stroke-width=\"3\"/>")
        .append("</pattern></defs>\n");
    for (int i = 0; i < rows; i++) {
      if (i % 2 == 1) {
        out.append("<rect class=\"stripe\" x=\"0\" y=\"").append(TOP + i * ROW)
            .append("\" width=\"").append(WIDTH).append("\" height=\"").append(ROW).append("\"/>\n");
      }
    }
    axis(out, chartBottom);
    rollbackBands(out, chartBottom);
    for (int i = 0; i < rows; i++) {
      taskRow(out, model.tasks().get(i), TOP + i * ROW);
    }
    pointOfNoReturn(out, chartBottom);
    undoMarkers(out);
    gates(out);
    incidents(out);
    out.append("</svg>\n");
  }

  private void axis(StringBuilder out, int bottom) {
    long spanSeconds = Math.max(1, Duration.between(from, to).getSeconds());
    long step = STEPS_SECONDS[STEPS_SECONDS.length - 1];
    for (long s : STEPS_SECONDS) {
      if (spanSeconds / s <= 10) {
        step = s;
        break;
      }
    }
    long first = Math.floorDiv(from.getEpochSecond() + step - 1, step) * step;
    out.append("<g class=\"axis\">\n");
    for (long t = first; t <= to.getEpochSecond(); t += step) {
      Instant at = Instant.ofEpochSecond(t);
      String label = fmt.time(at);
      if (step >= 60) {
        label = label.substring(0, label.length() - 3);
      }
      double x = x(at);
      out.append("<line class=\"tick\" x1=\"").append(n(x)).append("\" y1=\"").append(TOP - 6)
          .append("\" x2=\"").append(n(x)).append("\" y2=\"").append(bottom).append("\"/>")
          .append("<text class=\"ticklabel\" x=\"").append(n(x)).append("\" y=\"").append(TOP - 10)
          .append("\">").append(esc(label)).append("</text>\n");
    }
    out.append("<text class=\"axisnote\" x=\"").append(CHART_X0).append("\" y=\"14\">UTC</text>\n");
    out.append("</g>\n");
  }

  private void rollbackBands(StringBuilder out, int bottom) {
    int i = 0;
    for (ReportRollback r : model.rollbacks()) {
      double x0 = x(r.startedAt());
      double x1 = x(r.finishedAt().orElse(endOfRecord()));
      out.append("<g class=\"rollback\"><rect class=\"rollback-band\" x=\"").append(n(x0))
          .append("\" y=\"").append(TOP).append("\" width=\"").append(n(Math.max(2, x1 - x0)))
          .append("\" height=\"").append(bottom - TOP).append("\"><title>")
          .append(esc("rollback " + (++i) + " (" + Fmt.lower(r.outcome()) + "): " + r.trigger()
              + ", " + fmt.time(r.startedAt()) + " to "
              + r.finishedAt().map(fmt::time).orElse("end of log")))
          .append("</title></rect><text class=\"bandlabel\" x=\"").append(n(x0 + 4))
          .append("\" y=\"").append(bottom - 6).append("\">rollback</text></g>\n");
    }
  }

  private void taskRow(StringBuilder out, ReportTask t, int y) {
    out.append("<g class=\"task").append(t.critical() ? " critical" : "")
        .append("\" data-task=\"").append(esc(t.id())).append("\">");
    String label = t.name().equals(t.id()) ? t.id() : t.name();
    if (label.length() > 38) {
      label = label.substring(0, 37) + "\u2026";
    }
    out.append("<text class=\"label\" x=\"12\" y=\"").append(y + 20).append("\">")
        .append(t.irreversible() ? "\u26a0 " : "").append(esc(label)).append("</text>");
    double px0 = x(model.plannedStartOf(t));
    double px1 = x(model.plannedFinishOf(t));
    out.append("<rect class=\"bar planned").append(t.critical() ? " critical" : "")
        .append("\" x=\"").append(n(px0)).append("\" y=\"").append(y + 6)
        .append("\" width=\"").append(n(Math.max(3, px1 - px0))).append("\" height=\"8\" rx=\"2\">")
        .append("<title>").append(esc(t.id() + " planned " + fmt.time(model.plannedStartOf(t))
            + " to " + fmt.time(model.plannedFinishOf(t)) + " (" + Fmt.duration(t.plannedDuration())
            + ")" + (t.critical() ? ", critical path" : "")))
        .append("</title></rect>");
    if (t.actualStart().isPresent()) {
      Instant s = t.actualStart().get();
      Instant f = t.actualFinish().orElse(endOfRecord());
      double ax0 = x(s);
      double ax1 = x(f);
      String status = t.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
      out.append("<rect class=\"bar actual ").append(status).append("\" x=\"").append(n(ax0))
          .append("\" y=\"").append(y + 16).append("\" width=\"").append(n(Math.max(3, ax1 - ax0)))
          .append("\" height=\"11\" rx=\"2\"><title>")
          .append(esc(t.id() + " " + Fmt.lower(t.status()) + ", ran " + fmt.time(s) + " to "
              + t.actualFinish().map(fmt::time).orElse("end of log")
              + t.durationVariance().map(v -> " (" + Fmt.signed(v) + " against plan)").orElse("")))
          .append("</title></rect>");
    }
    out.append("</g>\n");
  }

  private void pointOfNoReturn(StringBuilder out, int bottom) {
    Optional<ReportTask> ponr = model.pointOfNoReturn();
    if (ponr.isEmpty()) {
      return;
    }
    ReportTask t = ponr.get();
    Instant at = t.actualStart().orElse(model.plannedStartOf(t));
    double x = x(at);
    out.append("<g class=\"ponr\"><line x1=\"").append(n(x)).append("\" y1=\"").append(TOP - 28)
        .append("\" x2=\"").append(n(x)).append("\" y2=\"").append(bottom).append("\"/>")
        .append("<text x=\"").append(n(x > (CHART_X0 + CHART_X1) / 2.0 ? x - 4 : x + 4))
        .append("\" y=\"").append(TOP - 28)
        .append(x > (CHART_X0 + CHART_X1) / 2.0 ? "\" text-anchor=\"end" : "")
        .append("\">point of no return").append(t.actualStart().isPresent() ? "" : " (planned, not reached)")
        .append("</text><title>")
        .append(esc("point of no return: irreversible task " + t.id()
            + (t.actualStart().isPresent() ? " started " : " planned to start ") + fmt.time(at)))
        .append("</title></g>\n");
  }

  /** A numbered mark on each undone task's row, at the time it was undone: the undo order. */
  private void undoMarkers(StringBuilder out) {
    for (ReportRollback r : model.rollbacks()) {
      int order = 0;
      for (RollbackUndo u : r.undone()) {
        order++;
        int index = indexOf(u.taskId());
        if (index < 0 || u.at().isEmpty()) {
          continue;
        }
        double cx = x(u.at().get());
        double cy = TOP + index * ROW + 16;
        String cls = u.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
        out.append("<g class=\"undo-marker ").append(cls).append("\"><circle cx=\"").append(n(cx))
            .append("\" cy=\"").append(n(cy)).append("\" r=\"8\"/><text x=\"").append(n(cx))
            .append("\" y=\"").append(n(cy + 4)).append("\">").append(order).append("</text><title>")
            .append(esc("undo " + order + " of the rollback: " + u.taskId() + " by " + u.method() + ", "
                + Fmt.lower(u.outcome()) + " at " + fmt.time(u.at().get())))
            .append("</title></g>\n");
      }
    }
  }

  private void gates(StringBuilder out) {
    for (ReportGate g : model.gates()) {
      if (g.decidedAt().isEmpty()) {
        continue;
      }
      int index = indexOf(g.id());
      double cy = index < 0 ? TOP - 4 : TOP + index * ROW + 16;
      double cx = x(g.decidedAt().get());
      String cls = g.decision().name().toLowerCase(Locale.ROOT).replace('_', '-');
      out.append("<g class=\"gate-marker ").append(cls).append("\"><path d=\"M")
          .append(n(cx)).append(' ').append(n(cy - 8)).append(" l8 8 l-8 8 l-8 -8 z\"/><title>")
          .append(esc("gate " + g.id() + ": " + g.decision() + " at " + fmt.time(g.decidedAt().get())
              + " (" + g.countedApprovals() + " of " + g.quorum() + " approvals counted)"))
          .append("</title></g>\n");
    }
  }

  private void incidents(StringBuilder out) {
    for (ReportIncident i : model.incidents()) {
      double cx = x(i.at());
      double cy = TOP - 2;
      out.append("<g class=\"incident-marker\"><path d=\"M").append(n(cx)).append(' ')
          .append(n(cy - 10)).append(" l6 10 l-12 0 z\"/><title>")
          .append(esc("incident " + i.id() + " (" + i.severity() + ") at " + fmt.time(i.at()) + ": "
              + i.title()))
          .append("</title></g>\n");
    }
  }

  private int indexOf(String taskId) {
    for (int i = 0; i < model.tasks().size(); i++) {
      if (model.tasks().get(i).id().equals(taskId)) {
        return i;
      }
    }
    return -1;
  }

  /** The key to the chart, as HTML after the SVG, so that it wraps on narrow screens. */
  static void legend(StringBuilder out) {
    String[][] items = {
      {"planned", "planned"},
      {"planned critical", "planned, critical path"},
      {"actual completed", "completed"},
      {"actual failed", "failed"},
      {"actual rolled-back", "rolled back"},
      {"actual undo-failed", "undo failed"},
      {"actual running", "running / not finished"},
    };
    String[][] glyphs = {
      {"gate", "\u25c6", "gate decision"},
      {"incident", "\u25b2", "incident"},
      {"undo", "\u2460", "undo order"},
      {"ponr", "\u2506", "point of no return"},
      {"irreversible", "\u26a0", "irreversible task"},
    };
    out.append("<ul class=\"legend\">");
    for (String[] item : items) {
      out.append("<li><span class=\"swatch ").append(item[0]).append("\"></span>").append(item[1])
          .append("</li>");
    }
    for (String[] g : glyphs) {
      out.append("<li><span class=\"glyph glyph-").append(g[0]).append("\">").append(g[1])
          .append("</span>").append(g[2]).append("</li>");
    }
    out.append("</ul>\n");
  }

}
