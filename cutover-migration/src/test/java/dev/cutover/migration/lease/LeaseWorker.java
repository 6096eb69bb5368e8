package dev.cutover.migration.lease;

import dev.cutover.migration.Evidence;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.RunOptions;
import dev.cutover.migration.jdbc.ConnectionFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A separate JVM that runs the same cutover as another: waits for the lease, then applies the
 * steps under its fence. Arguments: url user owner steps stepMillis leaseMillis. Prints
 * {@code WAITING}, {@code ACQUIRED <token>}, {@code APPLIED <step>} and {@code DONE}.
 */
public final class LeaseWorker {
  private LeaseWorker() {}

  /** Runs the worker. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String owner = args[2];
    int steps = Integer.parseInt(args[3]);
    long stepMillis = Long.parseLong(args[4]);
    long leaseMillis = Long.parseLong(args[5]);
    ConnectionFactory db = ConnectionFactory.of(url, user, "");
    CutoverLease lease = CutoverLease.builder().connections(db).name("release-42").owner(owner)
        .duration(Duration.ofMillis(leaseMillis)).build();
    Optional<LeaseGrant> grant;
    boolean said = false;
    while ((grant = lease.tryAcquire()).isEmpty()) {
      if (!said) {
        System.out.println("WAITING");
        said = true;
      }
      Thread.sleep(100);
    }
    System.out.println("ACQUIRED " + grant.get().token());
    List<MigrationStep> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      String id = String.format("S%02d", i);
      list.add(JavaStep.builder().id(id).version("1")
          .apply(ctx -> {
            try (PreparedStatement p = ctx.connection().prepareStatement(
                "INSERT INTO work (step_id, owner) VALUES (?, ?)")) {
              p.setString(1, id);
              p.setString(2, owner);
              p.executeUpdate();
            }
            try {
              Thread.sleep(stepMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Evidence.of("owner", owner);
          })
          .isApplied(ctx -> {
            try (PreparedStatement p = ctx.connection().prepareStatement(
                "SELECT COUNT(*) FROM work WHERE step_id = ?")) {
              p.setString(1, id);
              try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
              }
            }
          })
          .build());
    }
    MigrationRunner runner = MigrationRunner.builder().connections(db)
        .listener(new dev.cutover.migration.MigrationListener() {
          @Override
          public void stepFinished(dev.cutover.migration.StepOutcome o) {
            System.out.println("APPLIED " + o.stepId() + " " + o.status());
          }
        }).build();
    runner.run(list, RunOptions.builder().cutoverId("release-42").actor(owner)
        .fence(lease.fence(grant.get())).build());
    lease.release(grant.get());
    System.out.println("DONE");
  }
}
