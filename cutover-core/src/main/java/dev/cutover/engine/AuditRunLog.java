package dev.cutover.engine;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The engine's log over an {@link AuditLog}, which verified its entries when it was opened. */
final class AuditRunLog implements RunLog {
  private final AuditLog log;

  AuditRunLog(AuditLog log) {
    this.log = log;
  }

  @Override
  public List<Logged> entries() {
    List<Logged> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, log.size()));
    log.read(0, log.size(), e -> out.add(logged(e)));
    return out;
  }

  static Logged logged(AuditEntry e) {
    return new Logged(
        e.seq(),
        new EngineEvent(e.type(), e.actor(), e.data()),
        e.state().map(Hash::hex).orElse(null));
  }

  @Override
  public long append(EngineEvent event, String stateDigest) {
    AuditEntry entry =
        log.append(
            AuditEvent.of(event.type(), event.actor(), event.data()).withState(Hash.fromHex(stateDigest)));
    return entry.seq();
  }

  @Override
  public Optional<String> hash(long seq) {
    return Optional.of(log.leafHash(seq).hex());
  }
}
