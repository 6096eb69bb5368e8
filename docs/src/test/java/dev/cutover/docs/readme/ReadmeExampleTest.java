package dev.cutover.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.engine.MigrationAction;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's smallest complete example: it runs here, and the README holds it verbatim. */
class ReadmeExampleTest {
  private static final Path SOURCE =
      Path.of("src/test/java/dev/cutover/docs/readme/ReadmeExampleTest.java");
  private static final Path README = Path.of("../README.md");

  @TempDir Path dir;

  void example(Path dir) throws Exception {
    // tag::readme[]
    ConnectionFactory db = ConnectionFactory.of("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "sa", "");

    Plan plan = Plan.builder("add-currency")
        .task(Task.builder("add-column").action("add-column").duration(Duration.ofMinutes(2)).build())
        .task(Task.builder("backfill").after("add-column").action("backfill")
            .duration(Duration.ofMinutes(10)).build())
        .build();

    try (AuditLog log = AuditLog.open(dir.resolve("audit.log"), Clock.systemUTC())) {
      RunResult result = Engine.builder()
          .plan(plan)
          .log(log)
          .action("add-column", MigrationAction.builder().connections(db)
              .step(SqlStep.of("add-column", "ALTER TABLE accounts ADD COLUMN currency CHAR(3)"))
              .build())
          .action("backfill", MigrationAction.builder().connections(db)
              .step(SqlStep.of("backfill", "UPDATE accounts SET currency = 'EUR'"))
              .build())
          .build()
          .run(); // run it again: a no-op; after a crash: resumes, never applies a step twice
      System.out.println(result.status() + ", log root " + log.root().hex());
    }
    // end::readme[]
  }

  @Test
  void example_runsTheCutover_andReRunningIsANoOp() throws Exception {
    try (Connection c =
            java.sql.DriverManager.getConnection("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance DECIMAL(12,2))");
      s.execute("INSERT INTO accounts VALUES (1, 10.00), (2, 20.00)");

      String first = printed(() -> example(dir));
      String second = printed(() -> example(dir));

      assertThat(first).startsWith(RunStatus.SUCCEEDED + ", log root ");
      assertThat(second).startsWith(RunStatus.SUCCEEDED + ", log root ");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cutover_ledger")) {
        rs.next();
        assertThat(rs.getInt(1)).as("one ledger row per step, however often it runs").isEqualTo(2);
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM accounts WHERE currency = 'EUR'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
      assertThat(AuditLogVerifier.verify(dir.resolve("audit.log")).ok()).isTrue();
      s.execute("DROP ALL OBJECTS");
    }
  }

  interface Example {
    void run() throws Exception;
  }

  private static String printed(Example example) throws Exception {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      example.run();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readme_containsTheExampleVerbatim() throws Exception {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("// tag::readme\\[]\\n(.*?)\\n\\s*// end::readme\\[]", Pattern.DOTALL)
            .matcher(source);
    assertThat(m.find()).isTrue();
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    assertThat(readme).contains("```java\n" + dedent(m.group(1)) + "\n```");
  }

  private static String dedent(String block) {
    int indent = Integer.MAX_VALUE;
    for (String l : block.lines().toList()) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String l : block.lines().toList()) {
      out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
