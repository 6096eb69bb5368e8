package dev.cutover.rollback;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event as a line, e.g. {@code refused UNAUTHORIZED mallory s-...}. */
public final class RecordingListener implements SnapshotListener {
  public final List<String> events = new CopyOnWriteArrayList<>();
  public final List<RestoreRefusal> refusals = new CopyOnWriteArrayList<>();
  public final List<RestoreReport> restores = new CopyOnWriteArrayList<>();

  public RecordingListener() {}

  @Override
  public void onSnapshotTaken(SnapshotRef snapshot) {
    events.add("taken " + snapshot.id());
  }

  @Override
  public void onRestoreStarted(SnapshotRef snapshot, String principal, String authorization) {
    events.add("started " + snapshot.id() + " by " + principal);
  }

  @Override
  public void onRestored(RestoreReport report) {
    restores.add(report);
    events.add("restored " + report.snapshot().id() + " by " + report.principal());
  }

  @Override
  public void onRestoreRefused(RestoreRefusal refusal) {
    refusals.add(refusal);
    events.add("refused " + refusal.reason() + " " + refusal.principal() + " " + refusal.snapshotId());
  }

  @Override
  public void onRestoreFailed(SnapshotRef snapshot, String principal, String actualDigest) {
    events.add("failed " + snapshot.id() + " by " + principal);
  }

  @Override
  public void onReleased(SnapshotRef snapshot, Instant at) {
    events.add("released " + snapshot.id() + " at " + at);
  }

  @Override
  public void onDiscarded(String what) {
    events.add("discarded " + what);
  }
}
