package dev.cutover.testkit;

import dev.cutover.engine.EngineEvent;
import dev.cutover.engine.EngineListener;
import dev.cutover.engine.EngineState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts the engine's durable points (after every append, just before and just after every
 * action) and throws a {@link SimulatedCrash} at the chosen one; remembers what each point was.
 */
final class CrashPoints implements EngineListener {
  private final int crashAt;
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  CrashPoints(int crashAt) {
    this.crashAt = crashAt;
  }

  List<String> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  private void point(String where) {
    int p;
    synchronized (seen) {
      p = seen.size();
      seen.add(where);
    }
    if (p == crashAt) {
      throw new SimulatedCrash(p, where);
    }
  }

  @Override
  public void onAppended(long seq, EngineEvent event, EngineState state, String stateDigest) {
    Object task = event.data().get("task");
    point("after " + event.type() + (task instanceof String ? " of '" + task + "'" : "")
        + " was logged (seq " + seq + ")");
  }

  @Override
  public void beforeAction(String taskId, int attempt) {
    point("just before the action of '" + taskId + "' (attempt " + attempt + ")");
  }

  @Override
  public void afterAction(String taskId, int attempt) {
    point("just after the action of '" + taskId + "' returned (attempt " + attempt
        + "), before its outcome was logged");
  }
}
