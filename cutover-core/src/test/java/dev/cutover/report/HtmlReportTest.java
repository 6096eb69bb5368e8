package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final String EVIL = "<script>alert(1)</script>";

  @Test
  void render_isDeterministic() {
    assertThat(HtmlReport.render(ReportFixtures.rolledBack()))
        .isEqualTo(HtmlReport.render(ReportFixtures.rolledBack()));
  }

  @Test
  void render_hasEverySectionInOrder() {
    String html = HtmlReport.render(ReportFixtures.rolledBack());
    assertThat(html).startsWith("<!DOCTYPE html>")
        .containsSubsequence("id=\"verification\"", "<svg class=\"gantt\"", "id=\"variance\"",
            "id=\"gates\"", "id=\"rollbacks\"", "id=\"incidents\"", "id=\"decisions\"",
            "id=\"drills\"", "</html>");
  }

  @Test
  void render_drawsOnePlannedBarPerTaskAndAnActualBarPerStartedTask() {
    ReportModel model = ReportFixtures.rolledBack();
    String svg = svg(HtmlReport.render(model));
    assertThat(count(svg, "<g class=\"task")).isEqualTo(model.tasks().size());
    assertThat(count(svg, "class=\"bar planned")).isEqualTo(model.tasks().size());
    assertThat(count(svg, "class=\"bar actual")).isEqualTo(6);
    assertThat(count(svg, "class=\"bar planned critical\"")).isEqualTo(
        model.criticalPath().size());
    assertThat(count(svg, "class=\"swatch")).isZero();
    assertThat(count(HtmlReport.render(model), "<span class=\"swatch")).isEqualTo(7);
    assertThat(count(HtmlReport.render(model), "<span class=\"glyph")).isEqualTo(5);
    assertThat(svg).contains("class=\"ponr\"").contains("point of no return")
        .contains("class=\"gate-marker rollback\"").contains("class=\"rollback-band\"")
        .contains("class=\"incident-marker\"");
  }

  @Test
  void render_placesBarsOnTheTimeAxis() {
    ReportModel model = ReportModel.builder()
        .plan("p", "d").plannedStart(ReportFixtures.T0)
        .verification(ReportVerification.verified(1, ReportFixtures.ROOT))
        .addTask(ReportFixtures.task("a", "a", "", ReportTask.Kind.STEP, 0, 10,
            ReportFixtures.at(0, 0), ReportFixtures.at(20, 0), false, false,
            ReportTask.Status.COMPLETED))
        .build();
    String svg = svg(HtmlReport.render(model));
    double plannedWidth = width(svg, "bar planned");
    double actualWidth = width(svg, "bar actual completed");
    assertThat(actualWidth / plannedWidth).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void render_tablesShowSignedVarianceGatesApproversAndRollbackOrder() {
    String html = HtmlReport.render(ReportFixtures.rolledBack());
    // backfill-accounts: planned 40m, ran 53m 24s.
    assertThat(html).contains("<span class=\"late\">+13m 24s</span>");
    // freeze-writes: planned 5m, ran 4m 10s.
    assertThat(html).contains("<span class=\"early\">-50s</span>");
    assertThat(html).contains("error_rate = 1.8% over 5m").contains("INSUFFICIENT_DATA")
        .contains("2 of 2 required signatures counted")
        .containsSubsequence("carol@sre", "expired at 23:20:00Z", "mallory", "unknown key");
    assertThat(html).containsSubsequence("<td>backfill-accounts</td><td>restore",
        "<td>migrate-schema</td><td>inverse", "<td>freeze-writes</td><td>compensate");
    assertThat(html).contains("INC-2291").contains("to the incident commander")
        .contains("Extend the backfill window");
    assertThat(html).contains("down migration v42 (staging)").contains("+1m 05s");
  }

  @Test
  void render_escapesEveryStringFromTheLog() {
    ReportModel model = ReportModel.builder()
        .plan(EVIL, EVIL).plannedStart(ReportFixtures.T0)
        .verification(ReportVerification.failed(2, "", 1, EVIL))
        .addTask(ReportFixtures.task(EVIL, EVIL, EVIL, ReportTask.Kind.STEP, 0, 1,
            ReportFixtures.at(0, 0), ReportFixtures.at(1, 0), true, true,
            ReportTask.Status.COMPLETED))
        .addGate(new ReportGate(EVIL, ReportGate.Decision.GO, Optional.of(ReportFixtures.at(1, 0)),
            EVIL, EVIL, List.of(new GateCriterion(EVIL, GateCriterion.Outcome.PASS, EVIL)), 1,
            List.of(GateApproval.refused(EVIL, EVIL, EVIL)), EVIL))
        .addIncident(new ReportIncident(EVIL, ReportFixtures.at(0, 30), EVIL, EVIL, EVIL,
            Optional.empty(),
            List.of(new IncidentEscalation(ReportFixtures.at(0, 40), EVIL, EVIL))))
        .addNote(new ReportNote(ReportFixtures.at(0, 50), EVIL, EVIL, EVIL))
        .addDrill(new RecoveryDrill(EVIL, Duration.ZERO, Duration.ZERO))
        .build();
    String html = HtmlReport.render(model);
    assertThat(count(html, "<script>")).isEqualTo(1);
    assertThat(html).doesNotContain("alert(1)</script>").doesNotContain("\"<script")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void render_referencesNothingOutsideThePage() {
    String html = HtmlReport.render(ReportFixtures.rolledBack());
    assertThat(html).doesNotContainPattern("(?i)(https?:|//[a-z]|src=|href=|@import|url\\((?!#))");
    assertThat(html).contains("default-src 'none'");
  }

  @Test
  void render_pinsItsScriptAndStyleByHashInTheContentSecurityPolicy() {
    String html = HtmlReport.render(ReportFixtures.rolledBack());
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(style.find()).isTrue();
    assertThat(script.find()).isTrue();
    assertThat(html).contains("style-src '" + HtmlReport.sha256(style.group(1)) + "'")
        .contains("script-src '" + HtmlReport.sha256(script.group(1)) + "'");
  }

  @Test
  void render_showsAFailedVerificationAtTheTop() {
    ReportModel ok = ReportFixtures.rolledBack();
    ReportModel failed = new ReportModel(ok.planId(), ok.planDigest(), ok.plannedStart(),
        ok.tasks(), ok.gates(), ok.rollbacks(), ok.incidents(), ok.notes(), ok.drills(),
        ReportVerification.failed(57, "", 17, "prev does not match the hash of entry 16"));
    String html = HtmlReport.render(failed);
    assertThat(html).containsSubsequence("<header>", "data-verified=\"false\"",
        "THE LOG DID NOT VERIFY", "entry 17: prev does not match the hash of entry 16",
        "<svg class=\"gantt\"");
    assertThat(HtmlReport.render(ok)).contains("data-verified=\"true\"")
        .contains("57 entries, Merkle root <code>" + ReportFixtures.ROOT);
  }

  @Test
  void render_handlesAnEmptyPlan() {
    ReportModel empty = ReportModel.builder().plan("p", "d").plannedStart(ReportFixtures.T0)
        .verification(ReportVerification.verified(0, "")).build();
    String html = HtmlReport.render(empty);
    assertThat(html).contains("The plan has no tasks").contains("data-tasks=\"0\"");
  }

  private static String svg(String html) {
    return html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
  }

  private static double width(String svg, String cls) {
    Matcher m = Pattern.compile("class=\"" + cls + "\" x=\"[0-9.]+\" y=\"[0-9]+\" width=\"([0-9.]+)\"")
        .matcher(svg);
    assertThat(m.find()).as("a bar of class %s", cls).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static long count(String text, String needle) {
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
