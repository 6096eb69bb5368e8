package dev.cutover.plan;

import dev.cutover.json.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical form of a plan and its SHA-256 digest. */
final class PlanDigest {
  private PlanDigest() {}

  static Map<String, Object> canonicalForm(Plan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", plan.id());
    plan.deadline().ifPresent(d -> root.put("deadline", d.toString()));
    if (!plan.buffer().isZero()) {
      root.put("buffer", plan.buffer().toString());
    }
    plan.recoveryObjective().ifPresent(r -> root.put("rto", r.toString()));
    List<Task> sorted = new ArrayList<>(plan.tasks());
    sorted.sort(Comparator.comparing(Task::id));
    List<Object> tasks = new ArrayList<>(sorted.size());
    for (Task t : sorted) {
      tasks.add(task(t));
    }
    root.put("tasks", tasks);
    return root;
  }

  private static Map<String, Object> task(Task t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("kind", t.kind().fileName());
    t.owner().ifPresent(o -> m.put("owner", o));
    List<String> after = new ArrayList<>(t.after());
    after.sort(null);
    m.put("after", after);
    if (t.estimate().isPresent()) {
      var e = t.estimate().get();
      Map<String, Object> est = new LinkedHashMap<>();
      est.put("optimistic", e.optimistic().toString());
      est.put("likely", e.likely().toString());
      est.put("pessimistic", e.pessimistic().toString());
      m.put("estimate", est);
    } else {
      m.put("duration", t.duration().toString());
    }
    if (!t.buffer().equals(Duration.ZERO)) {
      m.put("buffer", t.buffer().toString());
    }
    t.action().ifPresent(a -> m.put("action", a));
    if (t.irreversible()) {
      m.put("irreversible", true);
    }
    return m;
  }

  static String digest(Plan plan) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(CanonicalJson.toBytes(canonicalForm(plan))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
