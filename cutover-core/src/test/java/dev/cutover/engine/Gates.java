package dev.cutover.engine;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import java.time.Instant;
import java.util.Map;

/** Scripted gate results for engine tests. */
final class Gates {
  private Gates() {}

  static GateResult result(GateDecision decision, String reason) {
    return new GateResult("scripted", decision, reason, Instant.parse("2026-11-21T10:00:00Z"), Map.of());
  }
}
