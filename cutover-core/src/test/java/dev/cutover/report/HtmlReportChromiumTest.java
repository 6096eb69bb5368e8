package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renders a report in a real headless Chromium: the inline script runs without error, the DOM has
 * the Gantt chart with a bar per task, and the screenshot is a real picture. Skips with a message
 * when {@code /usr/bin/chromium} is missing, except under {@code CI=true}, where it fails.
 */
class HtmlReportChromiumTest {
  private static final Path OUT = Path.of("target", "report-chromium");

  @BeforeEach
  void needChromium() throws Exception {
    Files.createDirectories(OUT);
    if (!HeadlessChromium.available()) {
      String message = "SKIPPED: " + HeadlessChromium.BINARY + " is not installed (Debian package "
          + "'chromium'); the report was not checked in a real browser";
      if ("true".equals(System.getenv("CI"))) {
        fail(message.replace("SKIPPED: ", "") + ", and CI=true requires it");
      }
      System.err.println(message);
      Assumptions.abort(message);
    }
  }

  private static Path write(ReportModel model, String name) throws Exception {
    Path html = OUT.resolve(name).toAbsolutePath();
    Files.writeString(html, HtmlReport.render(model), StandardCharsets.UTF_8);
    return html;
  }

  @Test
  void chromium_runsTheScriptAndShowsTheChart() throws Exception {
    ReportModel model = ReportFixtures.rolledBack();
    Path html = write(model, "rolled-back.html");

    HeadlessChromium.Run run = HeadlessChromium.run(OUT, "--dump-dom", html.toUri().toString());

    assertThat(run.exitCode()).as("chromium exit, stderr:%n%s", run.stderr()).isZero();
    String dom = run.stdout();
    assertThat(dom).as("the inline script ran to its end").contains("data-ok=\"true\"");
    assertThat(consoleMessages(run)).as("console messages (errors, CSP violations)").isEmpty();
    assertThat(dom).contains("<svg class=\"gantt\"");
    assertThat(count(dom, "<g class=\"task[^\"]*\" data-task=\"([^\"]+)\""))
        .containsExactlyInAnyOrderElementsOf(
            model.tasks().stream().map(ReportTask::id).toList());
    assertThat(occurrences(dom, "class=\"bar planned")).isEqualTo(model.tasks().size());
    long started = model.tasks().stream().filter(t -> t.actualStart().isPresent()).count();
    assertThat(occurrences(dom, "class=\"bar actual")).isEqualTo(started);
  }

  @Test
  void chromium_showsAReportReadFromARealLogFile() throws Exception {
    Path log = OUT.resolve("billing-run.log");
    Files.deleteIfExists(log);
    ReportFromLogTest.SetClock clock = new ReportFromLogTest.SetClock();
    try (dev.cutover.audit.AuditLog audit = dev.cutover.audit.AuditLog.open(log, clock)) {
      ReportFromLogTest.write(audit, clock, RunScript.rolledBack().entries());
    }
    ReportModel model = ReportModel.fromLog(log, RunScript.billingPlan());
    Path html = write(model, "billing-run.html");
    Path png = OUT.resolve("billing-run.png").toAbsolutePath();

    HeadlessChromium.Run dom = HeadlessChromium.run(OUT, "--dump-dom", html.toUri().toString());
    HeadlessChromium.Run shot = HeadlessChromium.run(
        OUT, "--screenshot=" + png, "--window-size=1400,1000", "--hide-scrollbars",
        html.toUri().toString());

    assertThat(dom.stdout()).contains("data-ok=\"true\"").contains("data-verified=\"true\"");
    assertThat(consoleMessages(dom)).isEmpty();
    assertThat(occurrences(dom.stdout(), "<g class=\"task")).isEqualTo(model.tasks().size());
    assertThat(shot.exitCode()).isZero();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1400);
  }

  @Test
  void chromium_rendersAScreenshotThatIsAPicture() throws Exception {
    Path html = write(ReportFixtures.rolledBack(), "screenshot.html");
    Path png = OUT.resolve("rolled-back.png").toAbsolutePath();
    Files.deleteIfExists(png);

    HeadlessChromium.Run run = HeadlessChromium.run(
        OUT, "--screenshot=" + png, "--window-size=1400,1000", "--hide-scrollbars",
        html.toUri().toString());

    assertThat(run.exitCode()).as("chromium exit, stderr:%n%s", run.stderr()).isZero();
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(1000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(50);
  }

  @Test
  void chromium_showsAnInjectedTaskNameAsText() throws Exception {
    String evil = "<script>document.body.setAttribute('data-pwned','1')</script>";
    ReportModel model = ReportModel.builder()
        .plan("p", "d")
        .plannedStart(ReportFixtures.T0)
        .verification(ReportVerification.verified(3, ReportFixtures.ROOT))
        .addTask(ReportFixtures.task(evil, evil, "<b>owner</b>", ReportTask.Kind.STEP, 0, 5,
            ReportFixtures.at(0, 0), ReportFixtures.at(6, 0), true, false,
            ReportTask.Status.COMPLETED))
        .build();
    Path html = write(model, "injection.html");

    HeadlessChromium.Run run = HeadlessChromium.run(OUT, "--dump-dom", html.toUri().toString());

    assertThat(run.stdout()).contains("data-ok=\"true\"").doesNotContain("data-pwned=\"1\"");
    assertThat(run.stdout()).contains("&lt;script&gt;document.body.setAttribute");
  }

  @Test
  void harness_seesAScriptErrorWhenThereIsOne() throws Exception {
    Path html = OUT.resolve("broken.html").toAbsolutePath();
    Files.writeString(html, "<!DOCTYPE html><html><body><script>noSuchFunction();</script></body></html>");

    HeadlessChromium.Run run = HeadlessChromium.run(OUT, "--dump-dom", html.toUri().toString());

    assertThat(consoleMessages(run)).anySatisfy(line -> assertThat(line).contains("Uncaught"));
  }

  private static java.util.List<String> consoleMessages(HeadlessChromium.Run run) {
    return run.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
  }

  private static Set<String> count(String text, String regex) {
    Set<String> found = new HashSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static long occurrences(String text, String needle) {
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
