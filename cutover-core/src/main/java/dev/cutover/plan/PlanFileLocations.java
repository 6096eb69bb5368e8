package dev.cutover.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field and value of a plan file starts, by its path ({@code tasks[3].after[0]}), so
 * that a problem can say the line and column as well as the path. Only read when a plan is
 * refused: the text is parsed a second time, token by token. Not thread-safe.
 */
final class PlanFileLocations {
  private final Map<String, JsonLocation> byPath = new HashMap<>();

  private PlanFileLocations() {}

  /**
   * Reads the locations of well-formed text.
   *
   * @param mapper the mapper that read the text (JSON or YAML)
   * @param text the text
   * @return its locations; none if the text cannot be read again
   */
  static PlanFileLocations of(ObjectMapper mapper, String text) {
    PlanFileLocations locations = new PlanFileLocations();
    try (JsonParser p = mapper.getFactory().createParser(text)) {
      locations.read(p);
    } catch (IOException | RuntimeException e) {
      // the text was parsed once already; if it cannot be again, problems keep their paths only
    }
    return locations;
  }

  /** One open object or list: the path to it and the path of its current member. */
  private static final class Frame {
    final String path;
    final boolean list;
    int index = -1;
    String member;

    Frame(String path, boolean list) {
      this.path = path;
      this.list = list;
    }
  }

  private void read(JsonParser p) throws IOException {
    Deque<Frame> open = new ArrayDeque<>();
    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
      if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        open.pop();
        continue;
      }
      Frame in = open.peek();
      if (t == JsonToken.FIELD_NAME) {
        in.member = in.path.isEmpty() ? p.currentName() : in.path + "." + p.currentName();
        // a field is where its name is, so an unknown field points at its name
        byPath.putIfAbsent(in.member, p.currentTokenLocation());
        continue;
      }
      String path;
      if (in == null) {
        path = "";
      } else if (in.list) {
        path = in.path + "[" + ++in.index + "]";
      } else {
        path = in.member;
      }
      byPath.putIfAbsent(path, p.currentTokenLocation());
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        open.push(new Frame(path, t == JsonToken.START_ARRAY));
      }
    }
  }

  /**
   * Adds the line and column to each problem whose place is a path in the file: {@code
   * tasks[3].duraton (line 5, column 27)}. A path that is not in the file (a missing field) gets
   * the place of the nearest enclosing one that is.
   *
   * @param problems the problems
   * @return the problems with their lines and columns
   */
  List<PlanProblem> place(List<PlanProblem> problems) {
    List<PlanProblem> out = new ArrayList<>(problems.size());
    for (PlanProblem problem : problems) {
      JsonLocation at = find(problem.where());
      out.add(
          at == null || at.getLineNr() < 1
              ? problem
              : new PlanProblem(
                  problem.where() + " (line " + at.getLineNr() + ", column " + at.getColumnNr()
                      + ")",
                  problem.message()));
    }
    return out;
  }

  private JsonLocation find(String path) {
    String p = path;
    while (!p.isEmpty()) {
      JsonLocation at = byPath.get(p);
      if (at != null) {
        return at;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return null;
      }
      p = p.substring(0, cut);
    }
    return null;
  }
}
