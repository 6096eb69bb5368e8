package dev.cutover.benchmarks.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The same N generated SQL migrations, laid out for every tool: one {@code CREATE TABLE} and one
 * {@code INSERT} each, portable across H2 and PostgreSQL.
 */
final class GeneratedMigrations {
  private final int count;
  private final Path root;

  private GeneratedMigrations(int count, Path root) {
    this.count = count;
    this.root = root;
  }

  /** Writes N migrations under {@code root} in the Flyway and Liquibase layouts. */
  static GeneratedMigrations write(int count, Path root) {
    GeneratedMigrations m = new GeneratedMigrations(count, root);
    try {
      Files.createDirectories(m.flywayDir());
      Files.createDirectories(m.liquibaseDir());
      StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n\n");
      for (int i = 1; i <= count; i++) {
        String sql = m.sql(i);
        Files.writeString(m.flywayDir().resolve("V" + i + "__create_bench_" + i + ".sql"), sql,
            StandardCharsets.UTF_8);
        changelog.append("--changeset bench:").append(i).append('\n').append(sql).append('\n');
      }
      Files.writeString(m.liquibaseDir().resolve("changelog.sql"), changelog,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  int count() {
    return count;
  }

  /** The SQL of migration {@code i} (1-based): two statements, each ending in a semicolon. */
  String sql(int i) {
    return "CREATE TABLE bench_" + i
        + " (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, amount DECIMAL(12,2) NOT NULL);\n"
        + "INSERT INTO bench_" + i + " (id, name, amount) VALUES (" + i + ", 'row " + i
        + "', 10.50);\n";
  }

  /** The statements of migration {@code i}, without their semicolons. */
  List<String> statements(int i) {
    List<String> out = new ArrayList<>();
    for (String s : sql(i).split(";\n")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  Path flywayDir() {
    return root.resolve("flyway");
  }

  Path liquibaseDir() {
    return root.resolve("liquibase");
  }
}
