package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {
  static final String JSON =
      """
      {"id": "accounts-cutover", "deadline": "PT2H", "buffer": "PT10M", "tasks": [
        {"id": "freeze", "owner": "dba", "duration": "PT5M", "action": "freeze-writes"},
        {"id": "copy", "after": ["freeze"],
         "estimate": {"optimistic": "PT20M", "likely": "PT30M", "pessimistic": "PT1H"},
         "buffer": "PT5M"},
        {"id": "go", "kind": "gate", "after": ["copy"], "duration": "PT10M"},
        {"id": "switch", "after": ["go"], "duration": "PT1M", "irreversible": true},
        {"id": "done", "kind": "milestone", "name": "Traffic on new cluster", "after": ["switch"]}
      ]}
      """;

  static final String YAML =
      """
      id: accounts-cutover
      deadline: PT2H
      buffer: PT10M
      tasks:
        - {id: freeze, owner: dba, duration: PT5M, action: freeze-writes}
        - id: copy
          after: [freeze]
          estimate: {optimistic: PT20M, likely: PT30M, pessimistic: PT1H}
          buffer: PT5M
        - {id: go, kind: gate, after: [copy], duration: PT10M}
        - {id: switch, after: [go], duration: PT1M, irreversible: true}
        - {id: done, kind: milestone, name: Traffic on new cluster, after: [switch]}
      """;

  @Test
  void parseJson_readsEveryField() {
    Plan plan = PlanFiles.parseJson(JSON);
    assertThat(plan.id()).isEqualTo("accounts-cutover");
    assertThat(plan.deadline()).contains(Duration.ofHours(2));
    assertThat(plan.buffer()).isEqualTo(Duration.ofMinutes(10));
    Task copy = plan.task("copy").orElseThrow();
    assertThat(copy.duration()).isEqualTo(Duration.ofMinutes(100).dividedBy(3));
    assertThat(copy.buffer()).isEqualTo(Duration.ofMinutes(5));
    assertThat(plan.task("freeze").orElseThrow().owner()).contains("dba");
    assertThat(plan.task("freeze").orElseThrow().action()).contains("freeze-writes");
    assertThat(plan.task("go").orElseThrow().kind()).isEqualTo(TaskKind.GATE);
    assertThat(plan.task("done").orElseThrow().name()).isEqualTo("Traffic on new cluster");
    assertThat(plan.irreversibleTasks()).containsExactly("switch");
    assertThat(plan.analyze().criticalPath()).containsExactly("freeze", "copy", "go", "switch", "done");
  }

  @Test
  void parseYaml_givesTheSamePlanAsJson() {
    Plan json = PlanFiles.parseJson(JSON);
    Plan yaml = PlanFiles.parseYaml(YAML);
    assertThat(yaml.tasks()).isEqualTo(json.tasks());
    assertThat(yaml.deadline()).isEqualTo(json.deadline());
  }

  @Test
  void load_picksTheFormatByExtension(@TempDir Path dir) throws Exception {
    Path y = Files.writeString(dir.resolve("plan.yml"), YAML);
    Path j = Files.writeString(dir.resolve("plan.json"), JSON);
    assertThat(PlanFiles.load(y).tasks()).isEqualTo(PlanFiles.load(j).tasks());
    PlanValidationException e =
        catchThrowableOfType(PlanValidationException.class, () -> PlanFiles.load(dir.resolve("missing.json")));
    assertThat(e.getProblems().get(0).message())
        .isEqualTo("plan file " + dir.resolve("missing.json") + " does not exist");
    assertThat(catchThrowableOfType(PlanValidationException.class, () -> PlanFiles.load(dir))
        .getProblems().get(0).message()).isEqualTo("plan file " + dir + " is a directory");
    Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xC3, 0x28});
    assertThat(catchThrowableOfType(PlanValidationException.class, () -> PlanFiles.load(binary))
        .getProblems().get(0).message()).isEqualTo("plan file " + binary + " is not UTF-8 text");
  }

  @Test
  void parseYaml_acceptsAPlanLargerThanSnakeYamlsDefaultLimit() {
    int n = 80_000;
    StringBuilder yaml = new StringBuilder("id: big\ntasks:\n  - {id: t0, duration: PT1M}\n");
    for (int i = 1; i < n; i++) {
      yaml.append("  - {id: t").append(i).append(", duration: PT1M, after: [t").append(i - 1)
          .append("]}\n");
    }
    assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);
    Plan plan = PlanFiles.parseYaml(yaml.toString());
    assertThat(plan.size()).isEqualTo(n);
  }

  private static List<PlanProblem> problems(String json) {
    return catchThrowableOfType(PlanValidationException.class, () -> PlanFiles.parseJson(json))
        .getProblems();
  }

  @Test
  void parse_reportsTheUnknownDependencyOfATaskRefusedForAnotherReason() {
    assertThat(
            problems(
                """
                {"id": "p", "tasks": [
                  {"id": "freeze", "duration": "PT1M"},
                  {"id": "copy", "duration": "15 minutes", "after": ["frezee"]}]}
                """))
        .containsExactly(
            new PlanProblem(
                "tasks[1].duration (line 3, column 18)",
                "task 'copy' has 'duration' '15 minutes', expected an ISO-8601 duration such as PT15M"),
            new PlanProblem(
                "tasks[1].after[0] (line 3, column 54)",
                "task 'copy' depends on unknown task 'frezee' (closest known: freeze, copy)"));
  }

  @Test
  void parse_reportsEveryCycle_alsoThroughRefusedTasks_andDuplicatesOfThem() {
    PlanCycleException e =
        catchThrowableOfType(
            PlanCycleException.class,
            () ->
                PlanFiles.parseYaml(
                    """
                    id: p
                    tasks:
                      - {id: a, duration: soon, after: [b]}
                      - {id: b, duration: PT1M, after: [a]}
                      - {id: c, duration: PT1M, after: [d]}
                      - {id: d, duraton: PT1M, after: [c, ghost]}
                      - {id: a, duration: PT2M}
                    """));
    assertThat(e.getCycles()).containsExactly(List.of("a", "b", "a"), List.of("c", "d", "c"));
    assertThat(e.getProblems())
        .extracting(PlanProblem::toString)
        .containsExactly(
            "tasks[0].duration (line 3, column 13): task 'a' has 'duration' 'soon', expected an ISO-8601 duration such"
                + " as PT15M",
            "tasks[3].duraton (line 6, column 13): unknown field 'duraton' in task 'd' (did you mean 'duration'?)"
                + " (known: id, name, owner, kind, after, duration, estimate, buffer, action,"
                + " irreversible)",
            "tasks[4].id (line 7, column 6): duplicate task id 'a' (tasks[0] and tasks[4])",
            "tasks[3].after[1] (line 6, column 39): task 'd' depends on unknown task 'ghost'"
                + " (closest known: a, b, c)",
            "tasks[0] (line 3, column 5): tasks form a cycle: a -> b -> a",
            "tasks[2] (line 5, column 5): tasks form a cycle: c -> d -> c");
  }

  @Test
  void parse_misspeltField_namesThePathAndSuggests() {
    assertThat(
            problems(
                """
                {"id": "p", "tasks": [{"id": "a", "duration": "PT1M"}, {"id": "b", "duraton": "PT1M"}]}
                """))
        .contains(
            new PlanProblem(
                "tasks[1].duraton (line 1, column 68)",
                "unknown field 'duraton' in task 'b' (did you mean 'duration'?) (known: id, name,"
                    + " owner, kind, after, duration, estimate, buffer, action, irreversible)"));
    assertThat(problems("{\"id\": \"p\", \"taks\": []}").get(0))
        .isEqualTo(
            new PlanProblem(
                "taks (line 1, column 13)",
                "unknown field 'taks' in the plan (did you mean 'tasks'?) (known: id, deadline,"
                    + " buffer, rto, tasks)"));
    assertThat(
            problems(
                """
                {"id": "p", "tasks": [{"id": "a", "estimate": {"optimistic": "PT1M", "likly": "PT2M", "pessimistic": "PT3M"}}]}
                """))
        .extracting(PlanProblem::where)
        .contains(
            "tasks[0].estimate.likly (line 1, column 70)",
            // a missing field is placed where the object it belongs in starts
            "tasks[0].estimate.likely (line 1, column 35)");
  }

  @Test
  void parse_badValues_nameTheTaskAndField() {
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"id\": \"a\", \"duration\": \"15 minutes\"}]}"))
        .containsExactly(
            new PlanProblem(
                "tasks[0].duration (line 1, column 35)",
                "task 'a' has 'duration' '15 minutes', expected an ISO-8601 duration such as PT15M"));
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"id\": \"a\", \"duration\": 15}]}"))
        .containsExactly(
            new PlanProblem(
                "tasks[0].duration (line 1, column 35)",
                "task 'a' has 'duration' the number 15, expected an ISO-8601 duration such as PT15M"));
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"id\": \"a\", \"duration\": \"-PT5M\"}]}"))
        .containsExactly(
            new PlanProblem("tasks[0].duration (line 1, column 35)", "task 'a': duration must not be negative, got PT-5M"));
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"id\": \"a\", \"kind\": \"gat\", \"duration\": \"PT1M\"}]}"))
        .containsExactly(
            new PlanProblem(
                "tasks[0].kind (line 1, column 35)",
                "task 'a' has unknown kind 'gat' (did you mean 'gate'?) (expected step, gate or milestone)"));
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"id\": \"a\"}]}"))
        .containsExactly(
            new PlanProblem(
                "tasks[0] (line 1, column 23)", "task 'a' is a step and needs a positive duration or estimate, got none"));
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"duration\": \"PT1M\"}]}"))
        .containsExactly(new PlanProblem("tasks[0].id (line 1, column 23)", "tasks[0] has no 'id'"));
    assertThat(problems("{\"id\": \"p\", \"tasks\": [{\"id\": \"a\", \"duration\": \"PT1M\", \"irreversible\": \"yes\"}]}"))
        .containsExactly(
            new PlanProblem(
                "tasks[0].irreversible (line 1, column 55)",
                "task 'a' has 'irreversible' the string 'yes', expected true or false"));
    assertThat(problems("{\"tasks\": {}}"))
        .containsExactly(
            new PlanProblem("id", "the plan has no 'id'"),
            new PlanProblem("tasks (line 1, column 2)", "expected a list of tasks, got an object"));
  }

  @Test
  void parse_recoveryObjective_isOptionalAndReadFromJsonAndYaml() {
    assertThat(PlanFiles.parseJson(JSON).recoveryObjective()).isEmpty();
    Plan json = PlanFiles.parseJson(JSON.replace("\"buffer\": \"PT10M\",", "\"buffer\": \"PT10M\", \"rto\": \"PT15M\","));
    Plan yaml = PlanFiles.parseYaml(YAML.replace("buffer: PT10M\n", "buffer: PT10M\nrto: PT15M\n"));
    assertThat(json.recoveryObjective()).contains(Duration.ofMinutes(15));
    assertThat(yaml.recoveryObjective()).contains(Duration.ofMinutes(15));
    assertThat(yaml.digest()).isEqualTo(json.digest());
  }

  @Test
  void parse_badRecoveryObjective_namesTheField() {
    assertThat(problems("{\"id\": \"p\", \"rto\": \"15 minutes\", \"tasks\": [{\"id\": \"a\", \"duration\": \"PT1M\"}]}"))
        .containsExactly(
            new PlanProblem(
                "rto (line 1, column 13)", "the plan has 'rto' '15 minutes', expected an ISO-8601 duration such as PT15M"));
    assertThat(problems("{\"id\": \"p\", \"rto\": 900, \"tasks\": [{\"id\": \"a\", \"duration\": \"PT1M\"}]}"))
        .containsExactly(
            new PlanProblem(
                "rto (line 1, column 13)", "the plan has 'rto' the number 900, expected an ISO-8601 duration such as PT15M"));
    assertThat(problems("{\"id\": \"p\", \"rto\": \"PT0S\", \"tasks\": [{\"id\": \"a\", \"duration\": \"PT1M\"}]}"))
        .containsExactly(
            new PlanProblem(
                "rto (line 1, column 13)", "the plan: recovery time objective must be positive, got PT0S"));
    assertThat(problems("{\"id\": \"p\", \"rto\": \"-PT1M\", \"tasks\": [{\"id\": \"a\", \"duration\": \"PT1M\"}]}"))
        .containsExactly(
            new PlanProblem(
                "rto (line 1, column 13)", "the plan: recovery time objective must not be negative, got PT-1M"));
    assertThat(problems("{\"id\": \"p\", \"rot\": \"PT1M\", \"tasks\": [{\"id\": \"a\", \"duration\": \"PT1M\"}]}"))
        .extracting(PlanProblem::message)
        .containsExactly(
            "unknown field 'rot' in the plan (did you mean 'rto'?) (known: id, deadline, buffer,"
                + " rto, tasks)");
  }

  @Test
  void parse_graphProblems_useFilePositions() {
    assertThat(
            problems(
                """
                {"id": "p", "tasks": [{"id": "a", "duration": "PT1M"}, {"id": "b", "after": ["c"], "duration": "PT1M"}]}
                """))
        .containsExactly(
            new PlanProblem(
                "tasks[1].after[0] (line 1, column 78)",
                "task 'b' depends on unknown task 'c' (closest known: a, b)"));
  }

  @Test
  void parse_fieldAndGraphProblems_areReportedTogether() {
    assertThat(
            problems(
                """
                {"id": "p", "tasks": [
                  {"id": "a", "duraton": "PT1M"},
                  {"id": "b", "after": ["a"], "duration": "PT1M"},
                  {"id": "c", "after": ["x"], "duration": "PT1M"},
                  {"id": "b", "duration": "PT1M"}]}
                """))
        .extracting(PlanProblem::where)
        .containsExactly(
            "tasks[0].duraton (line 2, column 15)",
            "tasks[3].id (line 5, column 4)",
            "tasks[2].after[0] (line 4, column 25)");
  }

  @Test
  void parse_malformedJson_givesLineAndColumn() {
    List<PlanProblem> p = problems("{\"id\": \"p\",\n  \"tasks\": [\n    {\"id\": \"a\",}\n  ]}");
    assertThat(p).hasSize(1);
    assertThat(p.get(0).where()).isEqualTo("line 3, column 16");
    assertThat(p.get(0).message()).startsWith("malformed plan file: unexpected character");
  }

  @Test
  void parse_duplicateKey_isMalformed() {
    List<PlanProblem> p = problems("{\"id\": \"p\", \"id\": \"q\", \"tasks\": []}");
    assertThat(p.get(0).where()).isEqualTo("line 1, column 17");
    assertThat(p.get(0).message()).contains("duplicate field 'id'");
  }

  @Test
  void parse_malformedYaml_givesLineAndColumn() {
    PlanValidationException e =
        catchThrowableOfType(
            PlanValidationException.class,
            () -> PlanFiles.parseYaml("id: p\ntasks:\n  - {id: a, duration: PT1M\n  - x\n"));
    assertThat(e.getProblems().get(0).where()).matches("line \\d+, column \\d+");
    assertThat(e.getPlanId()).isNull();
  }

  @Test
  void parse_yamlMissingCloseBrace_namesTheProblemAndWhereTheMappingStarts() {
    PlanValidationException e =
        catchThrowableOfType(
            PlanValidationException.class,
            () -> PlanFiles.parseYaml("id: p\ntasks:\n  - {id: a, duration: PT1M\n  - {id: b}\n"));
    PlanProblem p = e.getProblems().get(0);
    assertThat(p.where()).isEqualTo("line 4, column 5");
    assertThat(p.message())
        .startsWith("malformed plan file: expected ',' or '}', but got {")
        .endsWith("(while parsing a flow mapping that starts at line 3, column 5)");
  }

  @Test
  void parse_truncatedJson_saysWhichObjectIsNotClosedWithoutParserInternals() {
    List<PlanProblem> p = problems("{\"id\":\"x\",\"tasks\":[{\"id\":\"a\",\"duration\":\"PT5M\"}]");
    assertThat(p.get(0).message())
        .isEqualTo(
            "malformed plan file: the text ends before the object that starts at line 1, column 1"
                + " is closed (missing '}')")
        .doesNotContain("Source")
        .doesNotContain("StreamReadFeature");
  }
}
