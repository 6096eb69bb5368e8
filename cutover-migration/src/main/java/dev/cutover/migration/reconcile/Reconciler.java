package dev.cutover.migration.reconcile;

import dev.cutover.CutoverException;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.validation.RowEncoding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares a source and a target table by an integral key and the canonical digest of each row
 * (see {@link RowEncoding}), in one ordered pass over both (memory bounded by the batch size), and
 * optionally repairs the target from the source. Immutable and thread-safe.
 */
public final class Reconciler {
  private static final int BATCH = 500;

  private final ConnectionFactory source;
  private final String sourceTable;
  private final ConnectionFactory target;
  private final String targetTable;
  private final String keyColumn;
  private final List<String> columns;
  private final int keyIndex;
  private final int maxListed;
  private final List<Consumer<Repair>> listeners;

  private Reconciler(Builder b) {
    this.source = b.source;
    this.sourceTable = b.sourceTable;
    this.target = b.target;
    this.targetTable = b.targetTable;
    this.keyColumn = b.keyColumn;
    this.columns = List.copyOf(b.columns);
    this.keyIndex = columns.indexOf(keyColumn);
    this.maxListed = b.maxListed;
    this.listeners = List.copyOf(b.listeners);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compares without changing anything.
   *
   * @return the report
   * @throws CutoverException if a side cannot be read
   */
  public ReconciliationReport compare() {
    return pass(false);
  }

  /**
   * Compares and repairs the target: copies missing rows, replaces different rows, deletes extra
   * rows, in transactions of up to 500 changes; every change goes to the listeners.
   *
   * @return the report of what was found and changed
   * @throws CutoverException if a side cannot be read or the target refuses a change
   */
  public ReconciliationReport repair() {
    return pass(true);
  }

  private ReconciliationReport pass(boolean repair) {
    Tally t = new Tally();
    try (Connection s = source.connect();
        Connection tr = target.connect();
        Connection w = repair ? target.connect() : null) {
      s.setAutoCommit(false);
      tr.setAutoCommit(false);
      String order = " ORDER BY " + keyColumn;
      String cols = String.join(", ", columns);
      try (PreparedStatement ps = s.prepareStatement("SELECT " + cols + " FROM " + sourceTable + order);
          PreparedStatement pt = tr.prepareStatement("SELECT " + cols + " FROM " + targetTable + order)) {
        ps.setFetchSize(1000);
        pt.setFetchSize(1000);
        try (ResultSet a = ps.executeQuery();
            ResultSet b = pt.executeQuery()) {
          Pending pending = new Pending();
          boolean ha = a.next();
          boolean hb = b.next();
          while (ha || hb) {
            long ka = ha ? a.getLong(keyIndex + 1) : Long.MAX_VALUE;
            long kb = hb ? b.getLong(keyIndex + 1) : Long.MAX_VALUE;
            if (ha && (!hb || ka < kb)) {
              t.sourceRows++;
              t.missingCount++;
              add(t.missing, ka);
              if (repair) {
                pending.insert.add(row(a));
                pending.log.add(new Repair(Repair.Kind.INSERTED, ka));
              }
              ha = a.next();
            } else if (hb && (!ha || kb < ka)) {
              t.targetRows++;
              t.extraCount++;
              add(t.extra, kb);
              if (repair) {
                pending.delete.add(kb);
                pending.log.add(new Repair(Repair.Kind.DELETED, kb));
              }
              hb = b.next();
            } else {
              t.sourceRows++;
              t.targetRows++;
              if (!Arrays.equals(RowEncoding.digest(a), RowEncoding.digest(b))) {
                t.differentCount++;
                add(t.different, ka);
                if (repair) {
                  pending.delete.add(ka);
                  pending.insert.add(row(a));
                  pending.log.add(new Repair(Repair.Kind.UPDATED, ka));
                }
              }
              ha = a.next();
              hb = b.next();
            }
            if (repair && pending.log.size() >= BATCH) {
              flush(w, pending, t);
            }
          }
          if (repair) {
            flush(w, pending, t);
          }
        }
      } finally {
        s.rollback();
        tr.rollback();
      }
    } catch (SQLException e) {
      throw new CutoverException("reconciliation of " + source.describe() + " " + sourceTable
          + " with " + target.describe() + " " + targetTable + " failed: " + e.getMessage(), e);
    }
    return new ReconciliationReport(t.sourceRows, t.targetRows, t.missingCount, t.extraCount,
        t.differentCount, t.missing, t.extra, t.different, t.repairs, t.repairCount);
  }

  private void add(List<Long> list, long key) {
    if (list.size() < maxListed) {
      list.add(key);
    }
  }

  private Object[] row(ResultSet rs) throws SQLException {
    Object[] r = new Object[columns.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = rs.getObject(i + 1);
    }
    return r;
  }

  private void flush(Connection w, Pending p, Tally t) throws SQLException {
    if (p.log.isEmpty()) {
      return;
    }
    w.setAutoCommit(false);
    try {
      if (!p.delete.isEmpty()) {
        try (PreparedStatement d = w.prepareStatement("DELETE FROM " + targetTable + " WHERE "
            + keyColumn + " IN (" + String.join(",", Collections.nCopies(p.delete.size(), "?"))
            + ")")) {
          for (int i = 0; i < p.delete.size(); i++) {
            d.setLong(i + 1, p.delete.get(i));
          }
          d.executeUpdate();
        }
      }
      if (!p.insert.isEmpty()) {
        try (PreparedStatement ins = w.prepareStatement("INSERT INTO " + targetTable + " ("
            + String.join(", ", columns) + ") VALUES ("
            + String.join(",", Collections.nCopies(columns.size(), "?")) + ")")) {
          for (Object[] r : p.insert) {
            for (int i = 0; i < r.length; i++) {
              ins.setObject(i + 1, r[i]);
            }
            ins.addBatch();
          }
          ins.executeBatch();
        }
      }
      w.commit();
    } catch (SQLException | RuntimeException e) {
      w.rollback();
      throw e;
    }
    for (Repair r : p.log) {
      t.repairCount++;
      if (t.repairs.size() < maxListed) {
        t.repairs.add(r);
      }
      listeners.forEach(l -> l.accept(r));
    }
    p.delete.clear();
    p.insert.clear();
    p.log.clear();
  }

  private static final class Pending {
    final List<Long> delete = new ArrayList<>();
    final List<Object[]> insert = new ArrayList<>();
    final List<Repair> log = new ArrayList<>();
  }

  private static final class Tally {
    long sourceRows;
    long targetRows;
    long missingCount;
    long extraCount;
    long differentCount;
    long repairCount;
    final List<Long> missing = new ArrayList<>();
    final List<Long> extra = new ArrayList<>();
    final List<Long> different = new ArrayList<>();
    final List<Repair> repairs = new ArrayList<>();
  }

  /** Builds a {@link Reconciler}. Not thread-safe. */
  public static final class Builder {
    private ConnectionFactory source;
    private String sourceTable;
    private ConnectionFactory target;
    private String targetTable;
    private String keyColumn;
    private final List<String> columns = new ArrayList<>();
    private int maxListed = 100;
    private boolean maxSet;
    private final List<Consumer<Repair>> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the source (required).
     *
     * @param source the database
     * @param table the table
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
     * Sets the target (required).
     *
     * @param target the database
     * @param table the table
     * @return this builder
     */
    public Builder target(ConnectionFactory target, String table) {
      if (this.target != null) {
        throw new IllegalStateException("target is already set");
      }
      this.target = Objects.requireNonNull(target, "target");
      this.targetTable = Dialect.checkIdentifier("target table", table);
      return this;
    }

    /**
     * Sets the integral key and the columns to compare, which must include the key (required).
     *
     * @param keyColumn the key
     * @param columns the columns, in order
     * @return this builder
     */
    public Builder key(String keyColumn, String... columns) {
      if (this.keyColumn != null) {
        throw new IllegalStateException("key is already set");
      }
      Objects.requireNonNull(columns, "columns");
      this.keyColumn = Dialect.checkIdentifier("key column", keyColumn);
      for (String c : columns) {
        this.columns.add(Dialect.checkIdentifier("column", c));
      }
      if (!this.columns.contains(keyColumn)) {
        throw new IllegalArgumentException(
            "columns " + this.columns + " must include the key column " + keyColumn);
      }
      return this;
    }

    /**
     * Sets how many keys and repairs the report lists (default 100; counts are always exact).
     *
     * @param maxListed 0 to 100,000
     * @return this builder
     */
    public Builder maxListed(int maxListed) {
      if (maxSet) {
        throw new IllegalStateException("maxListed is already set");
      }
      if (maxListed < 0 || maxListed > 100_000) {
        throw new IllegalArgumentException("maxListed must be between 0 and 100000, was " + maxListed);
      }
      this.maxListed = maxListed;
      maxSet = true;
      return this;
    }

    /**
     * Adds a listener that hears every repair after it committed.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onRepair(Consumer<Repair> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the reconciler.
     *
     * @return the reconciler
     * @throws IllegalStateException naming the first missing setting
     */
    public Reconciler build() {
      if (source == null) {
        throw new IllegalStateException("source is required");
      }
      if (target == null) {
        throw new IllegalStateException("target is required");
      }
      if (keyColumn == null) {
        throw new IllegalStateException("key is required");
      }
      return new Reconciler(this);
    }
  }
}
