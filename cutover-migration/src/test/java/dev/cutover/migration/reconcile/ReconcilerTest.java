package dev.cutover.migration.reconcile;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

class ReconcilerTest {
  @DatabaseTest
  void compareAndRepair_acrossDatabases(FreshDatabase db) throws Exception {
    try (FreshDatabase h2 = DatabaseExtension.open(TestDatabase.H2)) {
      String ddl = "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2))";
      exec(h2, ddl, "INSERT INTO t VALUES (1, 'a', 1.00), (2, 'b', 2.00), (3, 'c', 3.00),"
          + " (5, 'e', 5.00), (6, NULL, 6.00)");
      exec(db, ddl, "INSERT INTO t VALUES (1, 'a', 1.0), (2, 'B', 2.00), (4, 'd', 4.00),"
          + " (5, 'e', 5.00), (6, 'f', 6.00), (7, 'g', 7.00)");
      List<Repair> heard = new ArrayList<>();
      Reconciler r = Reconciler.builder().source(factory(h2), "t").target(factory(db), "t")
          .key("id", "id", "name", "amount").maxListed(1).onRepair(heard::add).build();

      ReconciliationReport before = r.compare();
      assertThat(before.matched()).isFalse();
      assertThat(before.missingCount()).isEqualTo(1);
      assertThat(before.extraCount()).isEqualTo(2);
      assertThat(before.differentCount()).isEqualTo(2);
      assertThat(before.missing()).containsExactly(3L);
      assertThat(before.extra()).containsExactly(4L);
      assertThat(before.different()).as("bounded list").containsExactly(2L);
      assertThat(before.sourceRows()).isEqualTo(5);
      assertThat(before.targetRows()).isEqualTo(6);
      assertThat(before.repaired()).as("a comparison repairs nothing").isFalse();

      ReconciliationReport repaired = r.repair();
      assertThat(repaired.repairCount()).isEqualTo(5);
      assertThat(repaired.matched()).as("describes the target as found").isFalse();
      assertThat(repaired.repaired()).isTrue();
      assertThat(repaired.evidence()).containsEntry("repaired", true).containsEntry("repairs", 5L);
      assertThat(heard).containsExactlyInAnyOrder(
          new Repair(Repair.Kind.UPDATED, 2), new Repair(Repair.Kind.INSERTED, 3),
          new Repair(Repair.Kind.DELETED, 4), new Repair(Repair.Kind.UPDATED, 6),
          new Repair(Repair.Kind.DELETED, 7));
      assertThat(r.compare().matched()).isTrue();
    }
  }
}
