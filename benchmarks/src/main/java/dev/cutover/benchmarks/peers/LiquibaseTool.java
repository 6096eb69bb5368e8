package dev.cutover.benchmarks.peers;

import java.sql.Connection;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.ValidateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.LiquibaseUtil;

/** Liquibase over one formatted-SQL changelog holding the generated changesets. */
final class LiquibaseTool implements MigrationTool {
  @Override
  public String name() {
    return "Liquibase " + LiquibaseUtil.getBuildVersion();
  }

  private static void run(BenchDatabase db, GeneratedMigrations m, String command)
      throws Exception {
    try (Connection c = db.connect()) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      Scope.child(
          Map.of(
              Scope.Attr.resourceAccessor.name(),
              new DirectoryResourceAccessor(m.liquibaseDir()),
              Scope.Attr.ui.name(),
              new LoggerUIService()),
          () ->
              new CommandScope(command)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue("changelogFile", "changelog.sql")
                  .execute());
    }
  }

  @Override
  public void apply(BenchDatabase db, GeneratedMigrations m) throws Exception {
    run(db, m, UpdateCommandStep.COMMAND_NAME[0]);
  }

  @Override
  public void validate(BenchDatabase db, GeneratedMigrations m) throws Exception {
    run(db, m, ValidateCommandStep.COMMAND_NAME[0]);
  }
}
