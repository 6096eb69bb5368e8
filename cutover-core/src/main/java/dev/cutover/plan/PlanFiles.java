package dev.cutover.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads plans from JSON or YAML files (see "Plan files" in the architecture).
 *
 * <p>A plan file is an object with {@code id}, optional {@code deadline}, {@code buffer} and
 * {@code rto} (the recovery time objective; ISO-8601 durations), and {@code tasks}: objects with {@code id}, optional {@code name}, {@code
 * owner}, {@code kind} ({@code step}, {@code gate}, {@code milestone}; default {@code step}),
 * {@code after} (ids), {@code duration} (ISO-8601, e.g. {@code PT15M}) or {@code estimate} (with
 * {@code optimistic}, {@code likely}, {@code pessimistic}), {@code buffer}, {@code action} and
 * {@code irreversible}. Every problem is reported at once, each with its place: a path and where
 * it starts in the text, such as {@code tasks[3].duraton (line 7, column 31)}, with a "did you
 * mean" hint for misspelt fields, or a line and column for malformed input. Problems between tasks
 * (duplicate ids, unknown dependencies, every cycle) are checked over every task that has an id,
 * including tasks refused for a bad field. Thread-safe.
 */
public final class PlanFiles {
  private static final List<String> PLAN_FIELDS = List.of("id", "deadline", "buffer", "rto", "tasks");
  private static final List<String> TASK_FIELDS =
      List.of(
          "id", "name", "owner", "kind", "after", "duration", "estimate", "buffer", "action",
          "irreversible");
  private static final List<String> ESTIMATE_FIELDS = List.of("optimistic", "likely", "pessimistic");
  private static final List<String> KINDS = List.of("step", "gate", "milestone");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder()
                  .loaderOptions(yamlLimits())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /**
   * SnakeYAML refuses documents over 3 MB by default; a plan of a few hundred thousand tasks is
   * larger. The text is already in memory when it is parsed, so the only limit left is the
   * number of aliases a collection may expand (SnakeYAML's default), which stops a small
   * document from expanding into a huge one.
   */
  private static org.yaml.snakeyaml.LoaderOptions yamlLimits() {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return options;
  }

  private PlanFiles() {}

  /**
   * Loads a plan file: YAML if its name ends in {@code .yaml} or {@code .yml}, else JSON.
   *
   * @param file the file
   * @return the validated plan
   * @throws PlanValidationException if the file cannot be read, is malformed, or the plan is
   *     invalid; lists every problem
   */
  public static Plan load(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      IOException io = e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
      throw new PlanValidationException(null, List.of(new PlanProblem(file.toString(),
          IoErrors.unreadable("plan", file, StandardCharsets.UTF_8, io))));
    }
    return parse(file, text);
  }

  /**
   * Parses the text of a plan file already read: YAML if the file's name ends in {@code .yaml} or
   * {@code .yml}, else JSON, as {@link #load} decides.
   *
   * @param file the file the text came from (only its name is used)
   * @param text its text
   * @return the validated plan
   * @throws PlanValidationException if the text is malformed or the plan is invalid
   */
  public static Plan parse(Path file, String text) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") ? parseYaml(text) : parseJson(text);
  }

  /**
   * Parses a plan from JSON text.
   *
   * @param json the JSON text
   * @return the validated plan
   * @throws PlanValidationException if the text is malformed or the plan is invalid
   */
  public static Plan parseJson(String json) {
    return parse(JSON, Objects.requireNonNull(json, "json"));
  }

  /**
   * Parses a plan from YAML text.
   *
   * @param yaml the YAML text
   * @return the validated plan
   * @throws PlanValidationException if the text is malformed or the plan is invalid
   */
  public static Plan parseYaml(String yaml) {
    return parse(YAML, Objects.requireNonNull(yaml, "yaml"));
  }

  private static Plan parse(ObjectMapper mapper, String text) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      String[] described = describe(e);
      String where =
          described[0] != null
              ? described[0]
              : e.getLocation() == null
                  ? "plan file"
                  : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new PlanValidationException(
          null, List.of(new PlanProblem(where, "malformed plan file: " + described[1])));
    }
    try {
      return new Reader().read(root);
    } catch (PlanCycleException e) {
      throw new PlanCycleException(
          e.getPlanId(), PlanFileLocations.of(mapper, text).place(e.getProblems()), e.getCycles());
    } catch (PlanValidationException e) {
      throw new PlanValidationException(
          e.getPlanId(), PlanFileLocations.of(mapper, text).place(e.getProblems()));
    }
  }

  private static final java.util.regex.Pattern SNAKE_MARK =
      java.util.regex.Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):$");
  private static final java.util.regex.Pattern JACKSON_SOURCE =
      java.util.regex.Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");
  private static final java.util.regex.Pattern UNCLOSED =
      java.util.regex.Pattern.compile(
          "^Unexpected end-of-input: expected close marker for (Object|Array) \\(start marker at line (\\d+), column (\\d+)\\)");

  /**
   * The parser's problem in plain words. SnakeYAML gives a context ("while parsing a flow
   * mapping", with where it starts) before the problem itself ("expected ',' or '}'"); Jackson
   * names its input source and internal features. Neither helps a reader of a plan file.
   * Returns where (SnakeYAML's own 1-based mark of the problem, when there is one: Jackson's
   * location of a YAML error counts columns from 0) or null, and what.
   */
  private static String[] describe(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null || m.isEmpty()) {
      return new String[] {null, "unreadable input"};
    }
    String where = null;
    String[] lines = m.split("\n");
    List<String[]> marked = new ArrayList<>();
    String text = null;
    for (String line : lines) {
      java.util.regex.Matcher mark = SNAKE_MARK.matcher(line);
      if (mark.matches() && text != null) {
        marked.add(new String[] {text, mark.group(1), mark.group(2)});
        text = null;
      } else if (!line.isBlank() && !line.startsWith(" ") && !line.trim().equals("^")) {
        text = text == null ? line.trim() : text + " " + line.trim();
      }
    }
    if (marked.size() >= 2) {
      String[] context = marked.get(0);
      String[] problem = marked.get(marked.size() - 1);
      m = problem[0] + " (" + context[0] + " that starts at line " + context[1] + ", column "
          + context[2] + ")";
      where = "line " + problem[1] + ", column " + problem[2];
    } else if (marked.size() == 1) {
      m = marked.get(0)[0];
      where = "line " + marked.get(0)[1] + ", column " + marked.get(0)[2];
    } else {
      m = JACKSON_SOURCE.matcher(lines[0]).replaceAll("line $1, column $2");
      java.util.regex.Matcher unclosed = UNCLOSED.matcher(m);
      if (unclosed.find()) {
        boolean object = unclosed.group(1).equals("Object");
        m = "the text ends before the " + (object ? "object" : "list") + " that starts at line "
            + unclosed.group(2) + ", column " + unclosed.group(3) + " is closed (missing '"
            + (object ? "}" : "]") + "')";
      }
    }
    return new String[] {where, Character.toLowerCase(m.charAt(0)) + m.substring(1)};
  }

  /** Reads one document, collecting problems. Not thread-safe; one per document. */
  private static final class Reader {
    private final List<PlanProblem> problems = new ArrayList<>();

    Plan read(JsonNode root) {
      if (root == null || root.isMissingNode() || !root.isObject()) {
        problems.add(new PlanProblem("plan file", "expected an object with 'id' and 'tasks'"));
        throw new PlanValidationException(null, problems);
      }
      unknownFields(root, PLAN_FIELDS, "", "the plan");
      String id = text(root, "id", "id", "the plan", true);
      Plan.Builder plan = null;
      if (id != null) {
        try {
          plan = Plan.builder(id);
        } catch (IllegalArgumentException e) {
          problems.add(new PlanProblem("id", e.getMessage()));
        }
      }
      Plan.Builder p = plan;
      duration(root, "deadline", "deadline", "the plan", d -> {
        if (p != null) {
          p.deadline(d);
        }
      });
      duration(root, "buffer", "buffer", "the plan", d -> {
        if (p != null) {
          p.buffer(d);
        }
      });
      duration(root, "rto", "rto", "the plan", d -> {
        if (p != null) {
          p.recoveryObjective(d);
        }
      });
      JsonNode tasks = root.get("tasks");
      List<Task> built = new ArrayList<>();
      // every task object's id and dependencies, read or refused, for the checks between tasks
      List<String> ids = new ArrayList<>();
      List<List<String>> after = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      if (tasks == null) {
        problems.add(new PlanProblem("tasks", "the plan has no 'tasks' (expected a list)"));
      } else if (!tasks.isArray()) {
        problems.add(new PlanProblem("tasks", "expected a list of tasks, got " + kindOf(tasks)));
      } else {
        for (int i = 0; i < tasks.size(); i++) {
          JsonNode node = tasks.get(i);
          Task t = task(node, "tasks[" + i + "]");
          if (t != null) {
            built.add(t);
          }
          if (node.isObject()) {
            ids.add(node.path("id").isTextual() ? node.path("id").asText() : null);
            after.add(dependencies(node));
            positions.add(i);
          }
        }
      }
      if (problems.isEmpty()) {
        // every task was read, so build() names them by their places in the file
        return plan.tasks(built).build();
      }
      if (ids.isEmpty()) {
        throw new PlanValidationException(id, problems);
      }
      // Check the tasks refused for their own fields too, so a user sees everything at once:
      // an unknown dependency or a cycle through a task with a bad duration is still reported.
      DependencyCheck check =
          new DependencyCheck(
              ids, after, k -> "tasks[" + positions.get(k) + "]", new long[ids.size()], null);
      problems.addAll(check.problems);
      if (!check.cycles.isEmpty()) {
        throw new PlanCycleException(id, problems, check.cycles);
      }
      throw new PlanValidationException(id, problems);
    }

    /** The ids in a task's 'after', whatever else is wrong with it. */
    private static List<String> dependencies(JsonNode task) {
      JsonNode after = task.get("after");
      if (after == null || !after.isArray()) {
        return List.of();
      }
      List<String> ids = new ArrayList<>(after.size());
      for (JsonNode dep : after) {
        if (dep.isTextual()) {
          ids.add(dep.asText());
        }
      }
      return ids;
    }

    private Task task(JsonNode node, String path) {
      if (!node.isObject()) {
        problems.add(new PlanProblem(path, "expected a task object, got " + kindOf(node)));
        return null;
      }
      int before = problems.size();
      String id = text(node, "id", path + ".id", path, true);
      String who = id == null ? path : "task '" + id + "'";
      unknownFields(node, TASK_FIELDS, path + ".", who);
      Task.Builder b;
      try {
        b = id == null ? null : Task.builder(id);
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem(path + ".id", e.getMessage()));
        b = null;
      }
      Task.Builder t = b;
      apply(path + ".name", text(node, "name", path + ".name", who, false), v -> t.name(v), t);
      apply(path + ".owner", text(node, "owner", path + ".owner", who, false), v -> t.owner(v), t);
      apply(path + ".action", text(node, "action", path + ".action", who, false), v -> t.action(v), t);
      String kind = text(node, "kind", path + ".kind", who, false);
      if (kind != null) {
        if (KINDS.contains(kind)) {
          apply(path + ".kind", TaskKind.valueOf(kind.toUpperCase(Locale.ROOT)), v -> t.kind(v), t);
        } else {
          problems.add(
              new PlanProblem(
                  path + ".kind",
                  who + " has unknown kind '" + kind + "'" + hint(kind, KINDS)
                      + " (expected step, gate or milestone)"));
        }
      }
      JsonNode after = node.get("after");
      if (after != null) {
        if (!after.isArray()) {
          problems.add(
              new PlanProblem(
                  path + ".after", who + " has 'after' " + kindOf(after) + ", expected a list of ids"));
        } else {
          List<String> ids = new ArrayList<>();
          for (int j = 0; j < after.size(); j++) {
            JsonNode dep = after.get(j);
            if (dep.isTextual()) {
              ids.add(dep.asText());
            } else {
              problems.add(
                  new PlanProblem(
                      path + ".after[" + j + "]",
                      who + " has a dependency that is " + kindOf(dep) + ", expected a task id"));
            }
          }
          apply(path + ".after", ids, v -> t.after(v), t);
        }
      }
      duration(node, "duration", path + ".duration", who, d -> {
        if (t != null) {
          t.duration(d);
        }
      });
      duration(node, "buffer", path + ".buffer", who, d -> {
        if (t != null) {
          t.buffer(d);
        }
      });
      JsonNode est = node.get("estimate");
      if (est != null) {
        if (node.has("duration")) {
          problems.add(
              new PlanProblem(
                  path + ".estimate", who + " has both 'duration' and 'estimate'; give one"));
        } else if (!est.isObject()) {
          problems.add(
              new PlanProblem(
                  path + ".estimate",
                  who + " has 'estimate' " + kindOf(est)
                      + ", expected an object with optimistic, likely, pessimistic"));
        } else {
          unknownFields(est, ESTIMATE_FIELDS, path + ".estimate.", who);
          Duration[] points = new Duration[3];
          for (int k = 0; k < 3; k++) {
            String f = ESTIMATE_FIELDS.get(k);
            int slot = k;
            if (!est.has(f)) {
              problems.add(
                  new PlanProblem(path + ".estimate." + f, who + " has an estimate without '" + f + "'"));
            }
            duration(est, f, path + ".estimate." + f, who, d -> points[slot] = d);
          }
          if (points[0] != null && points[1] != null && points[2] != null) {
            try {
              Estimate e = new Estimate(points[0], points[1], points[2]);
              apply(path + ".estimate", e, v -> t.estimate(v), t);
            } catch (IllegalArgumentException e) {
              problems.add(new PlanProblem(path + ".estimate", who + ": " + e.getMessage()));
            }
          }
        }
      }
      JsonNode irreversible = node.get("irreversible");
      if (irreversible != null) {
        if (!irreversible.isBoolean()) {
          problems.add(
              new PlanProblem(
                  path + ".irreversible",
                  who + " has 'irreversible' " + kindOf(irreversible) + ", expected true or false"));
        } else if (irreversible.booleanValue() && t != null) {
          t.irreversible();
        }
      }
      if (t == null || problems.size() > before) {
        return null;
      }
      try {
        return t.build();
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem(path, e.getMessage()));
        return null;
      }
    }

    private <T> void apply(String path, T value, Consumer<T> setter, Task.Builder b) {
      if (value == null || b == null) {
        return;
      }
      try {
        setter.accept(value);
      } catch (IllegalArgumentException | IllegalStateException e) {
        problems.add(new PlanProblem(path, e.getMessage()));
      }
    }

    private String text(JsonNode node, String field, String path, String who, boolean required) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        if (required) {
          problems.add(new PlanProblem(path, who + " has no '" + field + "'"));
        }
        return null;
      }
      if (!v.isTextual()) {
        problems.add(
            new PlanProblem(path, who + " has '" + field + "' " + kindOf(v) + ", expected a string"));
        return null;
      }
      return v.asText();
    }

    private void duration(
        JsonNode node, String field, String path, String who, Consumer<Duration> setter) {
      JsonNode v = node.get(field);
      if (v == null) {
        return;
      }
      if (!v.isTextual()) {
        problems.add(
            new PlanProblem(
                path,
                who + " has '" + field + "' " + kindOf(v)
                    + ", expected an ISO-8601 duration such as PT15M"));
        return;
      }
      Duration d;
      try {
        d = Duration.parse(v.asText());
      } catch (DateTimeParseException e) {
        problems.add(
            new PlanProblem(
                path,
                who + " has '" + field + "' '" + v.asText()
                    + "', expected an ISO-8601 duration such as PT15M"));
        return;
      }
      try {
        setter.accept(d);
      } catch (IllegalArgumentException | IllegalStateException e) {
        problems.add(new PlanProblem(path, who + ": " + e.getMessage()));
      }
    }

    private void unknownFields(JsonNode node, List<String> known, String prefix, String who) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        if (!known.contains(name)) {
          problems.add(
              new PlanProblem(
                  prefix + name,
                  "unknown field '" + name + "' in " + who + hint(name, known)
                      + " (known: " + String.join(", ", known) + ")"));
        }
      }
    }
  }

  private static String hint(String word, List<String> known) {
    String s = EditDistance.suggestion(word, known);
    return s == null ? "" : " (did you mean '" + s + "'?)";
  }

  private static String kindOf(JsonNode v) {
    if (v.isTextual()) {
      return "the string '" + v.asText() + "'";
    }
    if (v.isNumber()) {
      return "the number " + v.asText();
    }
    if (v.isBoolean()) {
      return "the boolean " + v.asText();
    }
    if (v.isNull()) {
      return "null";
    }
    return v.isArray() ? "a list" : "an object";
  }

}
