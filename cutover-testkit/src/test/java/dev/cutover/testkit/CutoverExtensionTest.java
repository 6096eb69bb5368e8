package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@CutoverTest
class CutoverExtensionTest {
  private TestDatabase fromBeforeEach;

  @BeforeEach
  void setUp(TestDatabase db) {
    fromBeforeEach = db;
  }

  @RepeatedTest(2)
  void everyTestGetsAnEmptyDatabaseOfItsOwn(TestDatabase db) throws Exception {
    assertThat(db).isSameAs(fromBeforeEach);
    assertThat(db.kind()).isEqualTo(DatabaseKind.H2);
    assertThat(DatabaseState.capture(db).tables()).isEmpty();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE leftovers (id BIGINT PRIMARY KEY)");
      s.execute("INSERT INTO leftovers VALUES (1)");
    }
    assertThat(DatabaseState.capture(db).tables()).containsExactly("leftovers");
  }

  @Test
  void theLogIsStampedByTheTestsClock(TestClock clock, AuditLog log) {
    clock.advance(Duration.ofHours(2));
    assertThat(log.size()).isZero();
    assertThat(log.append(AuditEvent.of("test.event", "tester", Map.of())).time())
        .isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofHours(2)));
  }

  @Test
  @CutoverTest(database = DatabaseKind.FROM_ENVIRONMENT)
  void fromEnvironment_withNothingConfigured_isH2(TestDatabase db) throws Exception {
    if (System.getProperty("cutover.test.jdbcUrl") == null && System.getenv("CUTOVER_TEST_JDBC_URL") == null) {
      assertThat(db.kind()).isEqualTo(DatabaseKind.H2);
    }
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    }
  }
}
