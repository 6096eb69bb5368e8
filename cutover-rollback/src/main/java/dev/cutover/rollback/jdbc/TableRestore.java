package dev.cutover.rollback.jdbc;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One restore of a table archive, planned in full before anything changes.
 *
 * <p>The plan compares each archived definition with the table as it is now: an unchanged table
 * is emptied and reloaded ({@link Action#LOAD}); a changed one is recreated ({@link
 * Action#REPLACE}); a missing one is created ({@link Action#CREATE}); one that was absent at the
 * snapshot is dropped ({@link Action#DROP}). What cannot be done is refused before any table
 * changes: a key range into an altered table, a COPY archive without PostgreSQL, and a table to
 * be dropped or recreated that a foreign key of a table staying in place refers to.
 *
 * <p>On PostgreSQL, where DDL is transactional, everything happens in one transaction. Elsewhere
 * DDL commits by itself, so tables to be created are first created under a staging name ({@code
 * cutover_new_<hash>}); then one transaction empties and reloads the unchanged tables and loads
 * the staging tables; only after it commits are the old tables renamed away ({@code
 * cutover_old_<hash>}), the staging tables renamed into place and the old ones dropped (on
 * MariaDB all renames are one atomic {@code RENAME TABLE}). A failure before that commit rolls
 * the transaction back and drops the staging tables, so every table is as it was.
 */
final class TableRestore {
  private static final String STAGING = "cutover_new_";
  private static final String OLD = "cutover_old_";

  private TableRestore() {}

  /** One table of the archive: its name, and unless it was absent, definition and rows. */
  record Entry(String table, TableDefinition def, Selection sel, boolean copy) {
    static Entry absent(String table) {
      return new Entry(table, null, null, false);
    }

    static Entry table(TableDefinition def, Selection sel, boolean copy) {
      return new Entry(def.name(), def, sel, copy);
    }

    boolean isAbsent() {
      return def == null;
    }
  }

  private enum Action { NONE, DROP, LOAD, CREATE, REPLACE }

  /** What happens to one entry; {@code now} is the table as it is before the restore. */
  private record Step(Entry entry, TableDefinition now, Action action) {
    boolean replacesOrDrops() {
      return action == Action.REPLACE || action == Action.DROP;
    }

    boolean creates() {
      return action == Action.REPLACE || action == Action.CREATE;
    }

    String staging() {
      return STAGING + hash(entry.table());
    }

    String old() {
      return OLD + hash(entry.table());
    }
  }

  /**
   * Restores {@code entries}, whose rows follow in {@code in} in order and then the byte {@code
   * end}.
   */
  static void run(Connection c, String quote, List<Entry> entries, DataInputStream in, byte end)
      throws SQLException, IOException {
    Dialect dialect = Dialect.of(c);
    List<Step> steps = plan(c, dialect, entries);
    checkForeignKeys(c, steps);
    if (dialect == Dialect.POSTGRESQL) {
      inOneTransaction(c, dialect, quote, steps, in, end);
    } else {
      staged(c, dialect, quote, steps, in, end);
    }
  }

  private static List<Step> plan(Connection c, Dialect dialect, List<Entry> entries)
      throws SQLException, IOException {
    List<Step> steps = new ArrayList<>();
    for (Entry e : entries) {
      TableDefinition now = TableDefinition.read(c, e.table()).orElse(null);
      Action action;
      if (e.isAbsent()) {
        action = now == null ? Action.NONE : Action.DROP;
      } else {
        if (e.copy() && !dialect.copyAvailable()) {
          throw new IOException(
              "table '" + e.table() + "' was captured with PostgreSQL COPY and can only be"
                  + " restored into PostgreSQL with its driver present");
        }
        if (now == null) {
          action = Action.CREATE;
        } else if (now.equals(e.def())) {
          action = Action.LOAD;
        } else if (e.sel().isRange()) {
          throw new IOException(
              "table '" + e.table() + "' was altered since the snapshot; a key range is restored"
                  + " only into the captured definition (restore the whole table instead)");
        } else {
          action = Action.REPLACE;
        }
      }
      steps.add(new Step(e, now, action));
    }
    return steps;
  }

  /**
   * Refuses a plan that would drop a table a foreign key of a table staying in place refers to:
   * the database would refuse the drop, or the key would be lost.
   */
  private static void checkForeignKeys(Connection c, List<Step> steps)
      throws SQLException, IOException {
    Set<String> going = new HashSet<>();
    for (Step s : steps) {
      if (s.replacesOrDrops()) {
        going.add(s.now().name().toLowerCase(Locale.ROOT));
      }
    }
    DatabaseMetaData md = c.getMetaData();
    for (Step s : steps) {
      if (!s.replacesOrDrops()) {
        continue;
      }
      try (ResultSet rs = md.getExportedKeys(c.getCatalog(), c.getSchema(), s.now().name())) {
        while (rs.next()) {
          String child = rs.getString("FKTABLE_NAME");
          if (!going.contains(child.toLowerCase(Locale.ROOT))) {
            throw new IOException(
                "table '" + s.entry().table() + "' has to be "
                    + (s.action() == Action.REPLACE
                        ? "recreated (its definition changed since the snapshot)"
                        : "dropped (it did not exist at the snapshot)")
                    + ", but table '" + child + "', which stays in place, refers to it by foreign"
                    + " key '" + rs.getString("FK_NAME") + "'; drop that foreign key, or add"
                    + " table '" + child + "' to the scope");
          }
        }
      }
    }
  }

  /** PostgreSQL: drop, create, empty and load in one transaction. */
  private static void inOneTransaction(
      Connection c, Dialect dialect, String quote, List<Step> steps, DataInputStream in, byte end)
      throws SQLException, IOException {
    c.setAutoCommit(false);
    try {
      if (dialect.copyAvailable()) {
        PgCopy.prepare(c);
      }
      emptyUnchanged(c, dialect, quote, steps);
      List<String> drops = new ArrayList<>();
      for (Step s : reversed(steps)) {
        if (s.replacesOrDrops()) {
          drops.add(TableDefinition.quote(s.now().name(), quote));
        }
      }
      if (!drops.isEmpty()) {
        execute(c, "DROP TABLE " + String.join(", ", drops));
      }
      for (Step s : steps) {
        if (s.creates()) {
          execute(c, s.entry().def().createStatement(dialect, quote, s.entry().table()));
        }
      }
      load(c, dialect, quote, steps, in, end, false);
      c.commit();
    } finally {
      rollbackQuietly(c);
    }
  }

  /** Where DDL commits by itself: load staging tables, commit, then swap them in. */
  private static void staged(
      Connection c, Dialect dialect, String quote, List<Step> steps, DataInputStream in, byte end)
      throws SQLException, IOException {
    // Left over by a run that was interrupted: the archive is loaded again from the start.
    for (Step s : steps) {
      dropIfPresent(c, quote, s.staging());
      dropIfPresent(c, quote, s.old());
    }
    try {
      for (Step s : steps) {
        if (s.creates()) {
          execute(c, s.entry().def().createStatement(dialect, quote, s.staging()));
        }
      }
      c.setAutoCommit(false);
      emptyUnchanged(c, dialect, quote, steps);
      load(c, dialect, quote, steps, in, end, true);
      c.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      rollbackQuietly(c);
      for (Step s : steps) {
        try {
          dropIfPresent(c, quote, s.staging());
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    } finally {
      rollbackQuietly(c);
    }
    swap(c, dialect, quote, steps);
  }

  /**
   * Renames the tables being replaced or dropped away, the staging tables into place, then drops
   * the old tables, children first.
   */
  private static void swap(Connection c, Dialect dialect, String quote, List<Step> steps)
      throws SQLException {
    List<String> renames = new ArrayList<>();
    List<String> olds = new ArrayList<>();
    for (Step s : steps) {
      if (s.replacesOrDrops()) {
        renames.add(TableDefinition.quote(s.now().name(), quote) + " TO "
            + TableDefinition.quote(s.old(), quote));
      }
      if (s.creates()) {
        renames.add(TableDefinition.quote(s.staging(), quote) + " TO "
            + TableDefinition.quote(s.entry().table(), quote));
      }
    }
    for (Step s : reversed(steps)) {
      if (s.replacesOrDrops()) {
        olds.add(TableDefinition.quote(s.old(), quote));
      }
    }
    if (renames.isEmpty()) {
      return;
    }
    if (dialect == Dialect.MARIADB) {
      execute(c, "RENAME TABLE " + String.join(", ", renames));
    } else {
      for (String r : renames) {
        int to = r.lastIndexOf(" TO ");
        execute(c, "ALTER TABLE " + r.substring(0, to) + " RENAME TO " + r.substring(to + 4));
      }
    }
    for (String old : olds) {
      execute(c, "DROP TABLE " + old);
    }
  }

  /**
   * Empties the tables reloaded in place (or their key ranges), children first: in the reverse
   * of the order they were added, so that foreign keys between them hold. PostgreSQL empties the
   * whole tables with one {@code TRUNCATE}, which may name tables that reference each other;
   * elsewhere each is emptied with {@code DELETE}, which foreign keys allow where {@code
   * TRUNCATE} does not, and which does not commit. A restore of one whole table empties it with
   * {@code TRUNCATE}, the fastest way everywhere.
   */
  private static void emptyUnchanged(Connection c, Dialect dialect, String quote, List<Step> steps)
      throws SQLException {
    if (steps.size() == 1 && steps.get(0).action() == Action.LOAD
        && !steps.get(0).entry().sel().isRange()) {
      execute(c, "TRUNCATE TABLE " + TableDefinition.quote(steps.get(0).now().name(), quote));
      return;
    }
    List<String> whole = new ArrayList<>();
    for (Step s : reversed(steps)) {
      if (s.action() != Action.LOAD) {
        continue;
      }
      String table = TableDefinition.quote(s.now().name(), quote);
      Selection sel = s.entry().sel();
      if (sel.isRange()) {
        execute(c, "DELETE FROM " + table + sel.where(quote));
      } else if (dialect == Dialect.POSTGRESQL) {
        whole.add(table);
      } else {
        execute(c, "DELETE FROM " + table);
      }
    }
    if (!whole.isEmpty()) {
      execute(c, "TRUNCATE TABLE " + String.join(", ", whole));
    }
  }

  /** Loads every entry's rows, parents first, into its table or its staging table. */
  private static void load(
      Connection c, Dialect dialect, String quote, List<Step> steps, DataInputStream in, byte end,
      boolean staged) throws SQLException, IOException {
    for (Step s : steps) {
      Entry e = s.entry();
      if (e.isAbsent()) {
        continue;
      }
      if (e.copy()) {
        PgCopy.copyIn(c, e.def(), quote, in);
      } else {
        String target = staged && s.creates() ? s.staging() : e.table();
        JdbcRows.insert(c, dialect, e.def(), target, quote, in);
      }
    }
    if (in.readByte() != end) {
      throw new IOException("the archive does not end after its last table");
    }
  }

  private static List<Step> reversed(List<Step> steps) {
    List<Step> r = new ArrayList<>(steps);
    java.util.Collections.reverse(r);
    return r;
  }

  private static void dropIfPresent(Connection c, String quote, String table) throws SQLException {
    Optional<TableDefinition> present = TableDefinition.read(c, table);
    if (present.isPresent()) {
      execute(c, "DROP TABLE " + TableDefinition.quote(present.get().name(), quote));
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException ignored) {
      // the connection is closed next; the original outcome stands
    }
  }

  /** Twelve hex digits naming a table's staging and old copies, the same on every run. */
  private static String hash(String table) {
    byte[] h = RowDigest.sha256().digest(
        table.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 6);
  }
}
