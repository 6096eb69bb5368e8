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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * the transaction back and drops the staging tables, so every table is as it was. An old copy that cannot be dropped after the swap (on H2, a view over the
 * table follows the rename) is kept under its {@code cutover_old_} name with a warning; a later
 * restore tries to drop it again.
 */
final class TableRestore {
  private static final Logger LOG = LoggerFactory.getLogger(TableRestore.class);
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
    Map<String, Set<String>> referredBy = checkForeignKeys(c, steps);
    if (dialect == Dialect.POSTGRESQL) {
      inOneTransaction(c, dialect, quote, steps, in, end);
    } else {
      staged(c, dialect, quote, steps, referredBy, in, end);
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
   * the database would refuse the drop, or the key would be lost. Returns, for each table to be
   * replaced or dropped (by lower-case name), the other such tables that refer to it.
   */
  private static Map<String, Set<String>> checkForeignKeys(Connection c, List<Step> steps)
      throws SQLException, IOException {
    Map<String, Set<String>> referredBy = new HashMap<>();
    Set<String> going = new HashSet<>();
    Set<String> reloaded = new HashSet<>();
    for (Step s : steps) {
      if (s.replacesOrDrops()) {
        going.add(s.now().name().toLowerCase(Locale.ROOT));
      } else if (s.action() == Action.LOAD) {
        reloaded.add(s.now().name().toLowerCase(Locale.ROOT));
      }
    }
    String schema = c.getSchema();
    DatabaseMetaData md = c.getMetaData();
    for (Step s : steps) {
      if (!s.replacesOrDrops()) {
        continue;
      }
      Set<String> children = new HashSet<>();
      referredBy.put(s.now().name().toLowerCase(Locale.ROOT), children);
      try (ResultSet rs = md.getExportedKeys(c.getCatalog(), c.getSchema(), s.now().name())) {
        while (rs.next()) {
          String child = rs.getString("FKTABLE_NAME");
          String childSchema = rs.getString("FKTABLE_SCHEM");
          boolean sameSchema = childSchema == null || schema == null
              || childSchema.equalsIgnoreCase(schema);
          String key = child.toLowerCase(Locale.ROOT);
          if (!sameSchema || !going.contains(key)) {
            String named = sameSchema ? "table '" + child + "'"
                : "table '" + childSchema + "." + child + "'";
            throw new IOException(
                "table '" + s.entry().table() + "' has to be "
                    + (s.action() == Action.REPLACE
                        ? "recreated (its definition changed since the snapshot)"
                        : "dropped (it did not exist at the snapshot)")
                    + ", but " + named
                    + (sameSchema && reloaded.contains(key)
                        ? ", which is in the scope but unchanged and so is reloaded in place,"
                        : ", which stays in place,")
                    + " refers to it by foreign key '" + rs.getString("FK_NAME") + "'; drop that"
                    + " foreign key"
                    + (sameSchema && reloaded.contains(key) ? " before the restore"
                        : ", or add " + named + " to the scope"));
          }
          if (!child.equalsIgnoreCase(s.now().name())) {
            children.add(key);
          }
        }
      }
    }
    return referredBy;
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
      // the tables to replace or drop go first: a child among them may refer to a table emptied
      // below, and PostgreSQL refuses to truncate a table that another table refers to
      List<String> drops = new ArrayList<>();
      for (Step s : reversed(steps)) {
        if (s.replacesOrDrops()) {
          drops.add(TableDefinition.quote(s.now().name(), quote));
        }
      }
      if (!drops.isEmpty()) {
        execute(c, "DROP TABLE " + String.join(", ", drops));
      }
      emptyUnchanged(c, dialect, quote, steps, null);
      for (Step s : steps) {
        if (s.creates()) {
          execute(c, s.entry().def().createStatement(dialect, quote, s.entry().table()));
        }
      }
      load(c, dialect, quote, steps, in, end, false);
      c.commit();
    } finally {
      TableScope.rollbackQuietly(c);
    }
  }

  /** Where DDL commits by itself: load staging tables, commit, then swap them in. */
  private static void staged(
      Connection c, Dialect dialect, String quote, List<Step> steps,
      Map<String, Set<String>> referredBy, DataInputStream in, byte end)
      throws SQLException, IOException {
    // Left over by a run that was interrupted: the archive is loaded again from the start.
    for (Step s : steps) {
      dropIfPresent(c, quote, s.staging());
      dropOldQuietly(c, quote, s.old());
    }
    try {
      for (Step s : steps) {
        if (s.creates()) {
          execute(c, s.entry().def().createStatement(dialect, quote, s.staging()));
        }
      }
      c.setAutoCommit(false);
      emptyUnchanged(c, dialect, quote, steps, referredBy);
      load(c, dialect, quote, steps, in, end, true);
      c.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      TableScope.rollbackQuietly(c);
      for (Step s : steps) {
        try {
          dropIfPresent(c, quote, s.staging());
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    } finally {
      TableScope.rollbackQuietly(c);
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
        olds.add(s.old());
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
    // The restored tables are in place. Drop the old copies in whatever order their foreign keys
    // allow; one that cannot be dropped (on H2 a view over a recreated table moves with the
    // rename) is kept and reported, and a later restore tries again.
    boolean progress = true;
    Map<String, SQLException> failed = new LinkedHashMap<>();
    while (!olds.isEmpty() && progress) {
      progress = false;
      failed.clear();
      for (Iterator<String> it = olds.iterator(); it.hasNext(); ) {
        String old = it.next();
        try {
          execute(c, "DROP TABLE " + TableDefinition.quote(old, quote));
          it.remove();
          progress = true;
        } catch (SQLException e) {
          failed.put(old, e);
        }
      }
    }
    failed.forEach((old, e) -> LOG.warn("restored the tables, but could not drop the old copy {}"
        + " of a replaced table: {}; drop what depends on it (a view, say), then the table",
        old, e.getMessage()));
  }

  /** Drops an old copy left by an earlier restore, if it can; a copy that stays is reported. */
  private static void dropOldQuietly(Connection c, String quote, String old) {
    try {
      dropIfPresent(c, quote, old);
    } catch (SQLException e) {
      LOG.warn("could not drop {}, the old copy of a table left by an earlier restore: {}", old,
          e.getMessage());
    }
  }

  /**
   * Empties the tables reloaded in place (or their key ranges), children first: in the reverse
   * of the order they were added, so that foreign keys between them hold. PostgreSQL empties the
   * whole tables with one {@code TRUNCATE}, which may name tables that reference each other;
   * elsewhere each is emptied with {@code DELETE}, which foreign keys allow where {@code
   * TRUNCATE} does not, and which does not commit ({@code TRUNCATE} commits on H2 and MariaDB, so
   * a load that failed after it would leave the table partly loaded). With {@code
   * goingReferredBy} (see {@link #checkForeignKeys}), the rows of the tables to be replaced or
   * dropped are deleted first, children first; null leaves them alone.
   */
  private static void emptyUnchanged(
      Connection c, Dialect dialect, String quote, List<Step> steps,
      Map<String, Set<String>> goingReferredBy)
      throws SQLException {
    List<String> whole = new ArrayList<>();
    if (goingReferredBy != null) {
      // renamed away and dropped after the commit; their rows may refer to a table emptied here
      for (Step s : childrenFirst(steps, goingReferredBy)) {
        execute(c, "DELETE FROM " + TableDefinition.quote(s.now().name(), quote));
      }
    }
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

  /**
   * The tables to be replaced or dropped, each after every other one of them whose foreign key
   * refers to it (whatever order they were added in); tables in a cycle of keys keep the reverse
   * of the order they were added in.
   */
  private static List<Step> childrenFirst(List<Step> steps, Map<String, Set<String>> referredBy) {
    List<Step> left = new ArrayList<>();
    for (Step s : reversed(steps)) {
      if (s.replacesOrDrops()) {
        left.add(s);
      }
    }
    List<Step> ordered = new ArrayList<>(left.size());
    Set<String> done = new HashSet<>();
    while (!left.isEmpty()) {
      Step next = left.get(0); // if none is ready, a cycle of keys: the reverse of the added order
      for (Step s : left) {
        if (done.containsAll(referredBy.getOrDefault(name(s), Set.of()))) {
          next = s;
          break;
        }
      }
      left.remove(next);
      done.add(name(next));
      ordered.add(next);
    }
    return ordered;
  }

  private static String name(Step s) {
    return s.now().name().toLowerCase(Locale.ROOT);
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


  /** Twelve hex digits naming a table's staging and old copies, the same on every run. */
  private static String hash(String table) {
    byte[] h = RowDigest.sha256().digest(
        table.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 6);
  }
}
