package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new Main())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static final String PLAN =
      """
      id: textbook
      deadline: PT15H
      tasks:
        - {id: A, duration: PT3H}
        - {id: B, duration: PT4H, after: [A]}
        - {id: C, duration: PT2H, after: [A]}
        - {id: D, duration: PT5H, after: [B]}
        - {id: E, duration: PT3H, after: [C]}
        - {id: F, duration: PT2H5M, after: [D, E], irreversible: true}
      """;

  @Test
  void analyzeJson_printsTheDocumentedShape() throws Exception {
    Path plan = write("plan.yaml", PLAN);
    assertThat(run("plan", "analyze", plan.toString(), "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("plan").asText()).isEqualTo("textbook");
    assertThat(json.get("duration").asText()).isEqualTo("PT14H5M");
    assertThat(json.get("critical_path").toString()).isEqualTo("[\"A\",\"B\",\"D\",\"F\"]");
    assertThat(json.get("tasks").get(2).toString())
        .isEqualTo(
            "{\"id\":\"C\",\"es\":\"PT3H\",\"ef\":\"PT5H\",\"ls\":\"PT7H\",\"lf\":\"PT9H\","
                + "\"total_float\":\"PT4H\",\"free_float\":\"PT0S\",\"critical\":false}");
    assertThat(json.get("tasks")).hasSize(6);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void analyze_printsATable() throws Exception {
    Path plan = write("plan.yaml", PLAN);
    assertThat(run("plan", "analyze", plan.toString())).isZero();
    assertThat(out.toString())
        .contains("duration  14h05m")
        .contains("critical  A -> B -> D -> F")
        .contains("deadline  15h, probability of finishing by it 100.0%")
        .contains("no return F");
    assertThat(out.toString().lines())
        .anyMatch(l -> l.matches("C\\s+step\\s+2h\\s+3h\\s+5h\\s+7h\\s+9h\\s+4h\\s+0"))
        .anyMatch(l -> l.matches("F\\s+step\\s+2h05m\\s+12h\\s+14h05m\\s+12h\\s+14h05m\\s+0\\s+0\\s+critical irreversible"));
  }

  @Test
  void analyze_alignsTheTableByDisplayWidth_withWideAndCombiningCharacters() throws Exception {
    Path plan =
        write(
            "wide.yaml",
            """
            id: 国际化
            tasks:
              - {id: 迁移数据, owner: 数据库组, duration: PT10M}
              - {id: "cafe\u0301", owner: "🚀 team", duration: PT5M, after: [迁移数据]}
              - {id: 🚀, kind: gate, duration: PT1M, after: ["cafe\u0301"]}
              - {id: x, kind: milestone, after: [🚀]}
            """);
    assertThat(run("plan", "analyze", plan.toString())).as(err.toString()).isZero();
    java.util.List<String> lines = out.toString().lines().dropWhile(l -> !l.startsWith("TASK")).toList();
    // the id column is 8 terminal columns wide (迁移数据), so 'café' (5 chars) gets 6 spaces and
    // '🚀' (2 chars, 2 columns) 8; every right-aligned column ends in the same terminal column
    assertThat(lines)
        .containsExactly(
            "TASK      KIND       DURATION   ES   EF   LS   LF  TOTAL  FREE",
            "迁移数据  step            10m    0  10m    0  10m      0     0  critical",
            "cafe\u0301      step             5m  10m  15m  10m  15m      0     0  critical",
            "🚀        gate             1m  15m  16m  15m  16m      0     0  critical",
            "x         milestone         0  16m  16m  16m  16m      0     0  critical");
  }

  @Test
  void analyze_badPlan_exits2WithOneLinePerProblem() throws Exception {
    Path plan =
        write(
            "bad.json",
            "{\"id\": \"p\", \"tasks\": [{\"id\": \"a\", \"duraton\": \"PT1M\"}, {\"id\": \"b\","
                + " \"after\": [\"a\"], \"duration\": \"PT1M\"}]}");
    assertThat(run("plan", "analyze", plan.toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "cutover: " + plan + ": invalid plan (1 problem)",
            "tasks[0].duraton (line 1, column 35): unknown field 'duraton' in task 'a' (did you mean 'duration'?)"
                + " (known: id, name, owner, kind, after, duration, estimate, buffer, action,"
                + " irreversible)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void analyze_listsEveryCycleAndEveryUnknownDependency_evenOfABrokenTask() throws Exception {
    Path plan =
        write(
            "tangled.yaml",
            """
            id: p
            tasks:
              - {id: a, duration: PT1M, after: [b]}
              - {id: b, duration: PT1M, after: [a]}
              - {id: c, duration: 5 minutes, after: [d, ghost]}
              - {id: d, duration: PT1M, after: [c]}
            """);
    assertThat(run("plan", "analyze", plan.toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "cutover: " + plan + ": invalid plan (4 problems)",
            "tasks[2].duration (line 5, column 13): task 'c' has 'duration' '5 minutes', expected an"
                + " ISO-8601 duration such as PT15M",
            "tasks[2].after[1] (line 5, column 45): task 'c' depends on unknown task 'ghost'"
                + " (closest known: a, b, c)",
            "tasks[0] (line 3, column 5): tasks form a cycle: a -> b -> a",
            "tasks[2] (line 5, column 5): tasks form a cycle: c -> d -> c");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void analyze_cycleAndMalformedAndMissing_exit2WithoutStackTrace() throws Exception {
    Path cycle =
        write(
            "cycle.yaml",
            "id: p\ntasks:\n  - {id: a, duration: PT1M, after: [b]}\n  - {id: b, duration: PT1M, after: [a]}\n");
    assertThat(run("plan", "analyze", cycle.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("tasks form a cycle: ");
    Path broken = write("broken.json", "{\"id\": \"p\",\n\"tasks\": [}");
    assertThat(run("plan", "analyze", broken.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("line 2, column 11: malformed plan file");
    assertThat(run("plan", "analyze", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("plan file " + dir.resolve("missing.json") + " does not exist")
        .doesNotContain("\tat ");
  }

  @Test
  void analyze_fileThatCannotBeRead_isNamedInWords_likeTheLogCommandsDo() throws Exception {
    Path missing = dir.resolve("missing.yaml");
    assertThat(run("plan", "analyze", missing.toString())).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("cutover: plan file " + missing + " does not exist\n");

    err.getBuffer().setLength(0);
    Path directory = Files.createDirectory(dir.resolve("plans.yaml"));
    assertThat(run("plan", "analyze", directory.toString())).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("cutover: plan file " + directory + " is a directory\n");

    err.getBuffer().setLength(0);
    Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xc3, 0x28, 0x7b, 0x7d});
    assertThat(run("plan", "analyze", binary.toString())).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("cutover: plan file " + binary + " is not UTF-8 text\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void human_formatsDurations() {
    assertThat(PlanCommand.Analyze.human(java.time.Duration.ofMillis(150_500))).isEqualTo("2m30.5s");
    assertThat(PlanCommand.Analyze.human(java.time.Duration.ofHours(-2))).isEqualTo("-2h");
    assertThat(PlanCommand.Analyze.human(java.time.Duration.ofSeconds(3605))).isEqualTo("1h00m5s");
  }
}
