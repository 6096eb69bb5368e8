package dev.cutover.report;

/** The report's inline style sheet: system fonts only, nothing fetched. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS =
      """
      :root{--ink:#212529;--muted:#6c757d;--line:#dee2e6;--crit:#7048e8;--ok:#2b8a3e;\
      --bad:#c92a2a;--warn:#e67700;}
      *{box-sizing:border-box}
      body{margin:0;padding:24px 32px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",\
      Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
      h1{font-size:24px;margin:0 0 4px}
      h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
      h3{font-size:15px;margin:18px 0 6px}
      code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
      .digest{margin:0 0 12px;color:var(--muted)}
      .verification{padding:10px 14px;border-radius:6px;margin:8px 0 16px}
      .verification.ok{background:#ebfbee;border:1px solid #8ce99a}
      .verification.failed{background:#fff5f5;border:3px solid var(--bad);color:var(--bad);\
      font-size:16px}
      .summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:8px;\
      margin:0}
      .summary div{border:1px solid var(--line);border-radius:6px;padding:6px 10px}
      .summary dt{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
      .summary dd{margin:2px 0 0;font-weight:600}
      svg.gantt{display:block;max-width:100%;height:auto;font-size:12px}
      svg.gantt text{fill:var(--ink)}
      svg.gantt .stripe{fill:#f8f9fa}
      svg.gantt .tick{stroke:#e9ecef;stroke-width:1}
      svg.gantt .ticklabel{text-anchor:middle;fill:var(--muted)}
      svg.gantt .axisnote{fill:var(--muted);font-size:11px}
      svg.gantt .task.critical .label{font-weight:700;fill:var(--crit)}
      svg.gantt .task.hl .label{text-decoration:underline}
      svg.gantt .planned{fill:#ced4da}
      svg.gantt .planned.critical{fill:var(--crit)}
      svg.gantt .actual.completed{fill:#1c7ed6}
      svg.gantt .actual.failed{fill:var(--bad)}
      svg.gantt .actual.rolled-back{fill:url(#hatch)}
      svg.gantt .actual.undo-failed{fill:#862e9c}
      svg.gantt .actual.running{fill:#ffd43b;stroke:#e67700;stroke-dasharray:3 2}
      svg.gantt .rollback-band{fill:#ffe3e3;opacity:.7}
      svg.gantt .bandlabel{fill:var(--bad);font-weight:600}
      svg.gantt .ponr line{stroke:var(--ink);stroke-width:2;stroke-dasharray:6 3}
      svg.gantt .ponr text{font-weight:700}
      svg.gantt .gate-marker path{stroke:#fff;stroke-width:1.5}
      svg.gantt .gate-marker.go path{fill:var(--ok)}
      svg.gantt .gate-marker.no-go path{fill:var(--warn)}
      svg.gantt .gate-marker.rollback path{fill:var(--bad)}
      svg.gantt .gate-marker.hold path{fill:#adb5bd}
      svg.gantt .undo-marker circle{fill:#fff;stroke:var(--bad);stroke-width:2}
      svg.gantt .undo-marker.undone circle{stroke:var(--ok)}
      svg.gantt .undo-marker text{text-anchor:middle;font-size:10px;font-weight:700}
      svg.gantt .incident-marker path{fill:#f03e3e}
      .legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:8px 0 0 12px;\
      font-size:12px}
      .legend li{display:flex;align-items:center;gap:6px}
      .swatch{display:inline-block;width:18px;height:10px;border-radius:2px}
      .swatch.planned{background:#ced4da}
      .swatch.planned.critical{background:var(--crit)}
      .swatch.actual.completed{background:#1c7ed6}
      .swatch.actual.failed{background:var(--bad)}
      .swatch.actual.rolled-back{background:repeating-linear-gradient(45deg,#f59f00 0 3px,#fff3bf 3px 5px)}
      .swatch.actual.undo-failed{background:#862e9c}
      .swatch.actual.running{background:#ffd43b;border:1px dashed #e67700}
      .glyph{font-size:14px;line-height:1}
      .glyph-gate{color:var(--ok)}
      .glyph-incident{color:#f03e3e}
      .glyph-undo{color:var(--bad)}
      .glyph-ponr{font-weight:700}
      table{border-collapse:collapse;width:100%;margin:6px 0 12px}
      th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
      th{font-size:12px;color:var(--muted);font-weight:600;background:#f8f9fa}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.hl td{background:#fff9db}
      .late{color:var(--bad);font-weight:600}
      .early{color:var(--ok);font-weight:600}
      .ontime{color:var(--muted)}
      .badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:11px;font-weight:600;\
      border:1px solid currentColor;margin-right:4px}
      .badge.critical{color:var(--crit)}
      .badge.irreversible{color:var(--ink)}
      .status-completed,.decision-go,.outcome-pass,.outcome-undone,.outcome-completed{color:var(--ok)}
      .status-failed,.status-undo-failed,.decision-rollback,.outcome-fail,.outcome-failed,.outcome-incomplete{\
      color:var(--bad);font-weight:600}
      .status-rolled-back,.status-running,.decision-no-go,.outcome-insufficient-data,\
      .outcome-manual,.outcome-running,.outcome-in-progress,.decision-pending,.decision-hold{color:var(--warn);font-weight:600}
      .gate{border:1px solid var(--line);border-radius:6px;padding:4px 14px 8px;margin:10px 0}
      .refused td{color:var(--muted)}
      .empty{color:var(--muted)}
      pre{background:#f8f9fa;padding:8px;border-radius:4px;white-space:pre-wrap;word-break:break-all;\
      font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      summary{cursor:pointer;color:var(--muted)}
      footer{margin-top:40px;color:var(--muted);font-size:12px}
      """;
}
