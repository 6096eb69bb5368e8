package dev.cutover.migration.movement;

import dev.cutover.CutoverException;
import dev.cutover.migration.Evidence;
import dev.cutover.migration.MigrationContext;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.internal.ProgressTable;
import dev.cutover.migration.internal.ProgressTable.Progress;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies a source table into a target table (on the runner's database) in batches ordered by an
 * increasing change column (a version or sequence that grows on every insert and update; it may be
 * the key itself), behind a watermark persisted in the target in the same transaction as each
 * batch. It catches up until the rows past the watermark are at most the lag threshold, then runs
 * a final sync under the host's {@link WriteFreeze} and marks itself done.
 *
 * <p>Each batch replaces the target rows with the same keys (delete, then insert), so re-copying a
 * row never duplicates it. Deletes in the source are not propagated; use {@link
 * dev.cutover.migration.reconcile.Reconciler} for them. Non-transactional for the runner.
 * Immutable and thread-safe if its listeners and freeze are.
 */
public final class TrickleSync implements MigrationStep {
  /** Rows per multi-row insert statement. */
  private static final int ROWS_PER_INSERT = 500;
  /** Bind parameters per statement: PostgreSQL's protocol allows at most 32,767. */
  private static final int MAX_PARAMETERS = 30_000;

  private final String id;
  private final ConnectionFactory source;
  private final String sourceTable;
  private final String targetTable;
  private final List<String> columns;
  private final String keyColumn;
  private final String changeColumn;
  private final int batchSize;
  private final long lagThreshold;
  private final WriteFreeze freeze;
  private final ProgressTable progress;
  private final List<ChunkListener> listeners;
  private final String checksum;
  private final int keyIndex;
  private final int changeIndex;

  private TrickleSync(Builder b) {
    this.id = b.id;
    this.source = b.source;
    this.sourceTable = b.sourceTable;
    this.targetTable = b.targetTable;
    this.columns = List.copyOf(b.columns);
    this.keyColumn = b.keyColumn;
    this.changeColumn = b.changeColumn == null ? b.keyColumn : b.changeColumn;
    this.batchSize = b.batchSize;
    this.lagThreshold = b.lagThreshold;
    this.freeze = b.freeze;
    this.progress = new ProgressTable(b.progressTable);
    this.listeners = List.copyOf(b.listeners);
    this.keyIndex = columns.indexOf(keyColumn);
    this.changeIndex = columns.indexOf(changeColumn);
    this.checksum = Hashing.sha256Hex("trickle-sync\n" + sourceTable + "\n" + targetTable + "\n"
        + String.join(",", columns) + "\n" + keyColumn + "\n" + changeColumn + "\n");
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String checksum() {
    return checksum;
  }

  @Override
  public boolean transactionalOn(Dialect dialect) {
    return false;
  }

  @Override
  public boolean isApplied(MigrationContext context) throws SQLException {
    progress.create(context.connection(), context.dialect());
    return progress.read(context.connection(), id, Long.MIN_VALUE).done();
  }

  @Override
  public Map<String, Object> apply(MigrationContext context) throws SQLException {
    Connection target = context.connection();
    progress.create(target, context.dialect());
    Progress p = progress.read(target, id, Long.MIN_VALUE);
    if (p.done()) {
      return Evidence.of("rows", p.rows(), "batches", p.chunks(), "alreadyDone", true);
    }
    try (Connection src = source.connect();
        Statements st = new Statements(src, target)) {
      State s = new State(p);
      long rounds = 0;
      while (true) {
        int n = copyBatch(st, target, context, s);
        rounds++;
        if (n < batchSize && lag(src, s) <= lagThreshold) {
          break;
        }
      }
      long[] finalRows = new long[1];
      SQLException[] failure = new SQLException[1];
      freeze.during(() -> {
        try {
          int n;
          do {
            n = copyBatch(st, target, context, s);
            finalRows[0] += n;
          } while (n == batchSize);
          target.setAutoCommit(false);
          try {
            context.fence().check(target);
            progress.write(target, id, new Progress(s.p.position(), s.p.position2(),
                s.p.chunks(), s.p.rows(), true, true), s.exists);
            target.commit();
          } finally {
            target.setAutoCommit(true);
          }
        } catch (SQLException e) {
          failure[0] = e;
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
      if (!progress.read(target, id, Long.MIN_VALUE).done()) {
        throw new CutoverException("trickle sync '" + id + "': the write freeze did not run the"
            + " final sync (WriteFreeze.during must call it exactly once)");
      }
      return Evidence.of("rows", s.p.rows(), "batches", s.p.chunks(), "catchUpRounds", rounds,
          "finalSyncRows", finalRows[0], "watermark", watermark(s.p.position()));
    }
  }

  /**
   * The watermark as evidence: a string, because a key or change value may lie outside the audit
   * log's integer range; {@code none} when no row was ever copied.
   */
  private static String watermark(long position) {
    return position == Long.MIN_VALUE ? "none" : Long.toString(position);
  }

  private static final class State {
    Progress p;
    boolean exists;

    State(Progress p) {
      this.p = p;
      this.exists = p.started();
    }
  }

  private long lag(Connection src, State s) throws SQLException {
    try (PreparedStatement q = src.prepareStatement(
        "SELECT COUNT(*) FROM " + sourceTable + " WHERE " + after())) {
      bindAfter(q, s.p);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String after() {
    return changeColumn.equals(keyColumn)
        ? keyColumn + " > ?"
        : "(" + changeColumn + " > ? OR (" + changeColumn + " = ? AND " + keyColumn + " > ?))";
  }

  private void bindAfter(PreparedStatement q, Progress p) throws SQLException {
    q.setLong(1, p.position());
    if (!changeColumn.equals(keyColumn)) {
      q.setLong(2, p.position());
      q.setLong(3, p.position2());
    }
  }

  /**
   * The statements of one apply, prepared once and reused for every batch: the source query, the
   * probe for target rows in a batch's key range, and multi-row inserts.
   */
  private final class Statements implements AutoCloseable {
    private final Connection target;
    private final PreparedStatement select;
    private final PreparedStatement probe;
    private final int rowsPerInsert;
    private PreparedStatement fullInsert;
    private PreparedStatement tailInsert;
    private int tailRows;

    Statements(Connection src, Connection target) throws SQLException {
      this.target = target;
      String order = changeColumn.equals(keyColumn) ? keyColumn : changeColumn + ", " + keyColumn;
      this.rowsPerInsert = Math.max(1, Math.min(ROWS_PER_INSERT, MAX_PARAMETERS / columns.size()));
      PreparedStatement sel = null;
      try {
        sel = src.prepareStatement("SELECT " + String.join(", ", columns) + " FROM " + sourceTable
            + " WHERE " + after() + " ORDER BY " + order + " LIMIT " + batchSize);
        this.probe = target.prepareStatement("SELECT 1 FROM " + targetTable + " WHERE "
            + keyColumn + " >= ? AND " + keyColumn + " <= ? LIMIT 1");
      } catch (SQLException | RuntimeException e) {
        if (sel != null) {
          sel.close();
        }
        throw e;
      }
      this.select = sel;
    }

    /** An insert of {@code rows} rows in one statement; the full-size one and the last tail kept. */
    PreparedStatement insert(int rows) throws SQLException {
      if (rows == rowsPerInsert) {
        if (fullInsert == null) {
          fullInsert = target.prepareStatement(insertSql(rows));
        }
        return fullInsert;
      }
      if (tailInsert == null || tailRows != rows) {
        if (tailInsert != null) {
          tailInsert.close();
        }
        tailInsert = target.prepareStatement(insertSql(rows));
        tailRows = rows;
      }
      return tailInsert;
    }

    private String insertSql(int rows) {
      String tuple = "(" + String.join(",", Collections.nCopies(columns.size(), "?")) + ")";
      return "INSERT INTO " + targetTable + " (" + String.join(", ", columns) + ") VALUES "
          + String.join(",", Collections.nCopies(rows, tuple));
    }

    @Override
    public void close() throws SQLException {
      SQLException first = null;
      for (PreparedStatement p : new PreparedStatement[] {select, probe, fullInsert, tailInsert}) {
        try {
          if (p != null) {
            p.close();
          }
        } catch (SQLException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private int copyBatch(Statements st, Connection target, MigrationContext ctx, State s)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    bindAfter(st.select, s.p);
    try (ResultSet rs = st.select.executeQuery()) {
      while (rs.next()) {
        Object[] r = new Object[columns.size()];
        for (int i = 0; i < r.length; i++) {
          r[i] = rs.getObject(i + 1);
        }
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    Object[] last = rows.get(rows.size() - 1);
    long hiChange = integral(last[changeIndex], changeColumn);
    long hiKey = integral(last[keyIndex], keyColumn);
    long loKey = hiKey;
    long maxKey = hiKey;
    for (Object[] r : rows) {
      long k = integral(r[keyIndex], keyColumn);
      loKey = Math.min(loKey, k);
      maxKey = Math.max(maxKey, k);
    }
    target.setAutoCommit(false);
    try {
      if (anyTargetRowBetween(st, loKey, maxKey)) {
        deleteKeys(target, rows);
      }
      insertRows(st, rows);
      ctx.fence().check(target);
      Progress np = new Progress(hiChange, hiKey, s.p.chunks() + 1, s.p.rows() + rows.size(),
          false, true);
      progress.write(target, id, np, s.exists);
      ChunkProgress cp = new ChunkProgress(id, np.chunks(), s.p.position(), hiChange, rows.size(),
          np.rows());
      for (ChunkListener l : listeners) {
        l.beforeCommit(cp);
      }
      target.commit();
      s.exists = true;
      s.p = np;
      for (ChunkListener l : listeners) {
        l.chunkCommitted(cp);
      }
      return rows.size();
    } catch (SQLException | RuntimeException e) {
      try {
        target.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      target.setAutoCommit(true);
    }
  }

  /**
   * Whether the target holds any row with a key in the batch's range. When it holds none (a first
   * copy into an empty or lagging target), no key of the batch can be there, and the delete that
   * keeps re-copies from duplicating rows has nothing to do.
   */
  private static boolean anyTargetRowBetween(Statements st, long lo, long hi) throws SQLException {
    st.probe.setLong(1, lo);
    st.probe.setLong(2, hi);
    try (ResultSet rs = st.probe.executeQuery()) {
      return rs.next();
    }
  }

  private void deleteKeys(Connection target, List<Object[]> rows) throws SQLException {
    String marks = String.join(",", Collections.nCopies(rows.size(), "?"));
    try (PreparedStatement d = target.prepareStatement(
        "DELETE FROM " + targetTable + " WHERE " + keyColumn + " IN (" + marks + ")")) {
      for (int i = 0; i < rows.size(); i++) {
        d.setObject(i + 1, rows.get(i)[keyIndex]);
      }
      d.executeUpdate();
    }
  }

  /**
   * Inserts the rows with multi-row {@code INSERT ... VALUES} statements of up to {@value
   * #ROWS_PER_INSERT} rows, the full-size ones sent as one JDBC batch: a few statements per batch
   * instead of one per row, whatever the driver's own batch rewriting is set to.
   */
  private void insertRows(Statements st, List<Object[]> rows) throws SQLException {
    int per = st.rowsPerInsert;
    int full = rows.size() / per;
    if (full > 0) {
      PreparedStatement ins = st.insert(per);
      for (int g = 0; g < full; g++) {
        bindRows(ins, rows, g * per, per);
        if (full > 1) {
          ins.addBatch();
        }
      }
      if (full > 1) {
        ins.executeBatch();
      } else {
        ins.executeUpdate();
      }
    }
    int rest = rows.size() - full * per;
    if (rest > 0) {
      PreparedStatement ins = st.insert(rest);
      bindRows(ins, rows, full * per, rest);
      ins.executeUpdate();
    }
  }

  private void bindRows(PreparedStatement ins, List<Object[]> rows, int from, int count)
      throws SQLException {
    int p = 1;
    for (int i = from; i < from + count; i++) {
      Object[] r = rows.get(i);
      for (Object v : r) {
        ins.setObject(p++, v);
      }
    }
  }

  private long integral(Object value, String column) {
    if (!(value instanceof Number)) {
      throw new CutoverException("trickle sync '" + id + "': column " + column + " of "
          + sourceTable + " must be an integral number, was "
          + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
    return ((Number) value).longValue();
  }

  @Override
  public String toString() {
    return "TrickleSync[" + id + ", " + source.describe() + " " + sourceTable + " -> "
        + targetTable + "]";
  }

  /** Builds a {@link TrickleSync}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private ConnectionFactory source;
    private String sourceTable;
    private String targetTable;
    private final List<String> columns = new ArrayList<>();
    private String keyColumn;
    private String changeColumn;
    private int batchSize = 1000;
    private boolean batchSet;
    private long lagThreshold = 0;
    private boolean lagSet;
    private WriteFreeze freeze;
    private String progressTable = ProgressTable.DEFAULT_TABLE;
    private boolean progressSet;
    private final List<ChunkListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the step id (required).
     *
     * @param id not blank, at most 200 characters
     * @return this builder
     */
    public Builder id(String id) {
      if (this.id != null) {
        throw new IllegalStateException("id is already set");
      }
      this.id = Keys.check("id", "step id", id);
      return this;
    }

    /**
     * Sets the source database and table (required); the target is the runner's database.
     *
     * @param source the source database
     * @param table the source table
     * @return this builder
     */
    public Builder source(ConnectionFactory source, String table) {
      if (this.source != null) {
        throw new IllegalStateException("source is already set");
      }
      this.source = Objects.requireNonNull(source, "source");
      this.sourceTable = Dialect.checkIdentifier("source table", table);
      return this;
    }

    /**
     * Sets the target table (required).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder targetTable(String table) {
      if (this.targetTable != null) {
        throw new IllegalStateException("targetTable is already set");
      }
      this.targetTable = Dialect.checkIdentifier("target table", table);
      return this;
    }

    /**
     * Sets the columns to copy, which must include the key and change columns (required).
     *
     * @param columns plain SQL identifiers
     * @return this builder
     */
    public Builder columns(String... columns) {
      Objects.requireNonNull(columns, "columns");
      if (!this.columns.isEmpty()) {
        throw new IllegalStateException("columns are already set");
      }
      if (columns.length == 0) {
        throw new IllegalArgumentException("columns must not be empty");
      }
      for (String c : columns) {
        this.columns.add(Dialect.checkIdentifier("column", c));
      }
      return this;
    }

    /**
     * Sets the integral unique key column (required).
     *
     * @param keyColumn a plain SQL identifier
     * @return this builder
     */
    public Builder keyColumn(String keyColumn) {
      if (this.keyColumn != null) {
        throw new IllegalStateException("keyColumn is already set");
      }
      this.keyColumn = Dialect.checkIdentifier("key column", keyColumn);
      return this;
    }

    /**
     * Sets the integral change column that grows on every insert and update (default: the key).
     *
     * @param changeColumn a plain SQL identifier
     * @return this builder
     */
    public Builder changeColumn(String changeColumn) {
      if (this.changeColumn != null) {
        throw new IllegalStateException("changeColumn is already set");
      }
      this.changeColumn = Dialect.checkIdentifier("change column", changeColumn);
      return this;
    }

    /**
     * Sets the rows per batch (default 1,000).
     *
     * @param batchSize 1 to 10,000
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      if (batchSet) {
        throw new IllegalStateException("batchSize is already set");
      }
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 10000, was " + batchSize);
      }
      this.batchSize = batchSize;
      batchSet = true;
      return this;
    }

    /**
     * Sets how many rows may still be behind before the final sync under the freeze (default 0).
     *
     * @param rows non-negative
     * @return this builder
     */
    public Builder lagThreshold(long rows) {
      if (lagSet) {
        throw new IllegalStateException("lagThreshold is already set");
      }
      if (rows < 0) {
        throw new IllegalArgumentException("lagThreshold must be non-negative, was " + rows);
      }
      this.lagThreshold = rows;
      lagSet = true;
      return this;
    }

    /**
     * Sets the host's write freeze for the final sync (required).
     *
     * @param freeze the freeze
     * @return this builder
     */
    public Builder writeFreeze(WriteFreeze freeze) {
      if (this.freeze != null) {
        throw new IllegalStateException("writeFreeze is already set");
      }
      this.freeze = Objects.requireNonNull(freeze, "freeze");
      return this;
    }

    /**
     * Sets the progress table on the target (default {@value ProgressTable#DEFAULT_TABLE}).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder progressTable(String table) {
      if (progressSet) {
        throw new IllegalStateException("progressTable is already set");
      }
      this.progressTable = Dialect.checkIdentifier("progress table", table);
      progressSet = true;
      return this;
    }

    /**
     * Adds a listener that hears every batch.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ChunkListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the step.
     *
     * @return the step
     * @throws IllegalStateException naming the first missing setting
     * @throws IllegalArgumentException if the columns lack the key or change column
     */
    public TrickleSync build() {
      if (id == null) {
        throw new IllegalStateException("id is required");
      }
      String w = "trickle sync '" + id + "': ";
      if (source == null) {
        throw new IllegalStateException(w + "source is required");
      }
      if (targetTable == null) {
        throw new IllegalStateException(w + "targetTable is required");
      }
      if (columns.isEmpty()) {
        throw new IllegalStateException(w + "columns are required");
      }
      if (keyColumn == null) {
        throw new IllegalStateException(w + "keyColumn is required");
      }
      if (freeze == null) {
        throw new IllegalStateException(w + "writeFreeze is required");
      }
      if (!columns.contains(keyColumn)) {
        throw new IllegalArgumentException(w + "columns " + columns + " lack key " + keyColumn);
      }
      if (changeColumn != null && !columns.contains(changeColumn)) {
        throw new IllegalArgumentException(
            w + "columns " + columns + " lack change column " + changeColumn);
      }
      return new TrickleSync(this);
    }
  }
}
