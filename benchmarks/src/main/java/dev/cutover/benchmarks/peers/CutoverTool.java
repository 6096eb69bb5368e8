package dev.cutover.benchmarks.peers;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.jdbc.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cutover's {@link MigrationRunner} over the same {@code V<i>__*.sql} files that Flyway reads:
 * every measured operation lists and reads the files again, as a host would on each start.
 */
final class CutoverTool implements MigrationTool {
  @Override
  public String name() {
    return "Cutover";
  }

  private static List<SqlStep> steps(GeneratedMigrations m) {
    List<Path> files;
    try (Stream<Path> s = Files.list(m.flywayDir())) {
      files = new ArrayList<>(s.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort((a, b) -> Integer.compare(version(a), version(b)));
    List<SqlStep> steps = new ArrayList<>(files.size());
    for (Path f : files) {
      try {
        String name = f.getFileName().toString();
        steps.add(SqlStep.of(name.substring(0, name.length() - 4),
            Files.readString(f, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return steps;
  }

  private static int version(Path f) {
    String n = f.getFileName().toString();
    return Integer.parseInt(n.substring(1, n.indexOf("__")));
  }

  private static MigrationRunner runner(BenchDatabase db) {
    return MigrationRunner.builder()
        .connections(ConnectionFactory.of(db.url(), db.user(), db.password()))
        .build();
  }

  @Override
  public void apply(BenchDatabase db, GeneratedMigrations m) {
    runner(db).run(steps(m));
  }

  @Override
  public void validate(BenchDatabase db, GeneratedMigrations m) {
    runner(db).validate(steps(m)).requireValid();
  }
}
