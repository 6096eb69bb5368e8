package dev.cutover.benchmarks.peers;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway over the generated {@code V<i>__*.sql} files. */
final class FlywayTool implements MigrationTool {
  @Override
  public String name() {
    return "Flyway " + org.flywaydb.core.internal.license.VersionPrinter.getVersion();
  }

  private static Flyway flyway(BenchDatabase db, GeneratedMigrations m) {
    return Flyway.configure()
        .dataSource(db.url(), db.user(), db.password())
        .locations("filesystem:" + m.flywayDir())
        .load();
  }

  @Override
  public void apply(BenchDatabase db, GeneratedMigrations m) {
    MigrateResult r = flyway(db, m).migrate();
    if (!r.success) {
      throw new IllegalStateException("flyway migrate failed: " + r.warnings);
    }
  }

  @Override
  public void validate(BenchDatabase db, GeneratedMigrations m) {
    flyway(db, m).validate();
  }
}
