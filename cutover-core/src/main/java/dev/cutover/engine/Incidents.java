package dev.cutover.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Escalates incidents that were not acknowledged within their response SLA. */
final class Incidents {
  private final EngineCore core;

  Incidents(EngineCore core) {
    this.core = core;
  }

  List<Incident> escalateOverdue() {
    List<Incident> escalated = new ArrayList<>();
    synchronized (core.lock) {
      Instant now = core.config.clock().instant();
      for (Incident i : core.state().incidents().values()) {
        if (!i.acknowledged() && !i.escalated() && now.isAfter(Instant.parse(i.due()))) {
          core.append(
              "incident.escalated",
              core.config.actor(),
              Map.of(
                  "incident", i.id(),
                  "reason", "not acknowledged within its response sla (due " + i.due() + ")"));
          Incident after = core.state().incidents().get(i.id());
          escalated.add(after);
          for (EngineListener l : core.config.listeners()) {
            core.notify(() -> l.onIncidentEscalated(after));
          }
        }
      }
    }
    return escalated;
  }
}
