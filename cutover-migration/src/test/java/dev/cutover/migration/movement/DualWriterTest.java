package dev.cutover.migration.movement;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class DualWriterTest {
  @DatabaseTest
  void write_reachesBothSidesAndReportsDivergences(FreshDatabase db) throws Exception {
    try (FreshDatabase h2 = DatabaseExtension.open(TestDatabase.H2)) {
      String ddl = "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2), owner VARCHAR(40))";
      exec(db, ddl);
      exec(h2, ddl);
      List<Divergence> heard = new ArrayList<>();
      DualWriter w = DualWriter.builder().primary(factory(db)).secondary(factory(h2))
          .table("accounts", "id", "id", "balance", "owner").onDivergence(heard::add).build();

      DualWriter.Write insert = c -> {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts VALUES (1, 10.50, 'ada')")) {
          p.executeUpdate();
        }
      };
      assertThat(w.write(1, insert)).isEmpty();

      exec(h2, "UPDATE accounts SET owner = 'eve' WHERE id = 1");
      Optional<Divergence> d = w.compare(1);
      assertThat(d).hasValueSatisfying(x -> assertThat(x.reason()).isEqualTo("row content differs"));

      exec(h2, "DROP TABLE accounts");
      Optional<Divergence> failed = w.write(2, c -> {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts VALUES (2, 1, 'bob')")) {
          p.executeUpdate();
        }
      });
      assertThat(failed).hasValueSatisfying(x -> {
        assertThat(x.secondary()).isEqualTo("write failed");
        assertThat(x.reason()).contains("secondary write");
      });
      assertThat(heard).hasSize(1);
      assertThat(w.writes()).isEqualTo(2);
      assertThat(w.divergences()).isEqualTo(1);

      assertThatThrownBy(() -> w.write(3, c -> {
        throw new java.sql.SQLException("boom");
      })).hasMessageContaining("primary write of accounts key 3");
    }
  }
}
