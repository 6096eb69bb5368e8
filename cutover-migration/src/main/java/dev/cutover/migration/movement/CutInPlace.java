package dev.cutover.migration.movement;

import dev.cutover.migration.Evidence;
import dev.cutover.migration.MigrationContext;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.internal.ProgressTable;
import dev.cutover.migration.internal.ProgressTable.Progress;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Transforms a table in place, in chunks ordered by an integral key. Each chunk is one
 * transaction: the transform of the keys {@code (last, next]}, the fence check and the progress
 * row commit together, so a crash at any point resumes from the last committed chunk with no
 * chunk applied twice and none skipped. Applying the step after it finished does nothing.
 *
 * <p>The step is non-transactional for the runner (it commits per chunk). Immutable and
 * thread-safe if its transform and listeners are.
 */
public final class CutInPlace implements MigrationStep {
  private final String id;
  private final String table;
  private final String keyColumn;
  private final int chunkSize;
  private final ChunkTransform transform;
  private final ProgressTable progress;
  private final List<ChunkListener> listeners;
  private final String checksum;

  private CutInPlace(Builder b) {
    this.id = b.id;
    this.table = b.table;
    this.keyColumn = b.keyColumn;
    this.chunkSize = b.chunkSize;
    this.transform = b.transform;
    this.progress = new ProgressTable(b.progressTable);
    this.listeners = List.copyOf(b.listeners);
    this.checksum = Hashing.sha256Hex(
        "cut-in-place\n" + table + "\n" + keyColumn + "\n" + b.definition + "\n");
  }

  /** A builder; id, table, key column and a transform are required. */
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
  public Map<String, Object> apply(MigrationContext context) throws SQLException {
    Connection c = context.connection();
    progress.create(c, context.dialect());
    Progress p = progress.read(c, id, Long.MIN_VALUE);
    if (p.done()) {
      return Evidence.of("table", table, "chunks", p.chunks(), "rows", p.rows(),
          "chunksThisRun", 0, "alreadyDone", true);
    }
    boolean exists = p.started();
    long chunksThisRun = 0;
    boolean resumed = p.started();
    c.setAutoCommit(false);
    try (PreparedStatement next = c.prepareStatement(
        "SELECT MAX(" + keyColumn + ") FROM (SELECT " + keyColumn + " FROM " + table + " WHERE "
            + keyColumn + " > ? ORDER BY " + keyColumn + " LIMIT " + chunkSize + ") chunk_keys")) {
      while (true) {
        next.setLong(1, p.position());
        Long hi;
        try (ResultSet rs = next.executeQuery()) {
          rs.next();
          long v = rs.getLong(1);
          hi = rs.wasNull() ? null : v;
        }
        if (hi == null) {
          context.fence().check(c);
          progress.write(c, id, new Progress(p.position(), p.position2(), p.chunks(), p.rows(),
              true, true), exists);
          c.commit();
          break;
        }
        long n = transform.transform(c, p.position(), hi);
        context.fence().check(c);
        Progress np = new Progress(hi, 0, p.chunks() + 1, p.rows() + n, false, true);
        progress.write(c, id, np, exists);
        exists = true;
        ChunkProgress cp = new ChunkProgress(id, np.chunks(), p.position(), hi, n, np.rows());
        for (ChunkListener l : listeners) {
          l.beforeCommit(cp);
        }
        c.commit();
        p = np;
        chunksThisRun++;
        for (ChunkListener l : listeners) {
          l.chunkCommitted(cp);
        }
      }
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    return Evidence.of("table", table, "chunks", p.chunks(), "rows", p.rows(),
        "chunksThisRun", chunksThisRun, "resumed", resumed);
  }

  @Override
  public boolean isApplied(MigrationContext context) throws SQLException {
    progress.create(context.connection(), context.dialect());
    return progress.read(context.connection(), id, Long.MIN_VALUE).done();
  }

  @Override
  public String toString() {
    return "CutInPlace[" + id + ", " + table + " by " + keyColumn + ", chunks of " + chunkSize
        + "]";
  }

  /** Builds a {@link CutInPlace}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String table;
    private String keyColumn;
    private int chunkSize = 1000;
    private boolean chunkSizeSet;
    private ChunkTransform transform;
    private String definition;
    private String progressTable = ProgressTable.DEFAULT_TABLE;
    private boolean progressTableSet;
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
     * Sets the table (required).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder table(String table) {
      if (this.table != null) {
        throw new IllegalStateException("table is already set");
      }
      this.table = Dialect.checkIdentifier("table", table);
      return this;
    }

    /**
     * Sets the integral, unique key column that orders the chunks (required).
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
     * Sets the number of keys per chunk (default 1,000).
     *
     * @param chunkSize 1 to 1,000,000
     * @return this builder
     */
    public Builder chunkSize(int chunkSize) {
      if (chunkSizeSet) {
        throw new IllegalStateException("chunkSize is already set");
      }
      if (chunkSize < 1 || chunkSize > 1_000_000) {
        throw new IllegalArgumentException(
            "chunkSize must be between 1 and 1000000, was " + chunkSize);
      }
      this.chunkSize = chunkSize;
      chunkSizeSet = true;
      return this;
    }

    /**
     * Sets the transform as SQL with two parameters: the chunk's lower bound (exclusive) and upper
     * bound (inclusive), e.g. {@code UPDATE t SET c = UPPER(c) WHERE id > ? AND id <= ?}. The
     * checksum covers the SQL.
     *
     * @param sql the statement
     * @return this builder
     */
    public Builder sql(String sql) {
      Objects.requireNonNull(sql, "sql");
      if (transform != null) {
        throw new IllegalStateException("a transform is already set");
      }
      if (sql.chars().filter(ch -> ch == '?').count() != 2) {
        throw new IllegalArgumentException(
            "cut-in-place sql must have exactly two ? parameters (from exclusive, to inclusive),"
                + " was: " + sql);
      }
      this.definition = "sql:" + Hashing.normalizeSql(sql);
      this.transform = (c, from, to) -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setLong(1, from);
          p.setLong(2, to);
          return p.executeUpdate();
        }
      };
      return this;
    }

    /**
     * Sets the transform as Java code; the checksum covers {@code version}, so change it when the
     * transform changes.
     *
     * @param version names the transform's behaviour
     * @param transform the transform
     * @return this builder
     */
    public Builder transform(String version, ChunkTransform transform) {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(transform, "transform");
      if (this.transform != null) {
        throw new IllegalStateException("a transform is already set");
      }
      if (version.isBlank()) {
        throw new IllegalArgumentException("version must not be blank");
      }
      this.definition = "java:" + version;
      this.transform = transform;
      return this;
    }

    /**
     * Sets the progress table (default {@value ProgressTable#DEFAULT_TABLE}).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder progressTable(String table) {
      if (progressTableSet) {
        throw new IllegalStateException("progressTable is already set");
      }
      this.progressTable = Dialect.checkIdentifier("progress table", table);
      progressTableSet = true;
      return this;
    }

    /**
     * Adds a chunk listener.
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
     */
    public CutInPlace build() {
      if (id == null) {
        throw new IllegalStateException("id is required");
      }
      if (table == null) {
        throw new IllegalStateException("cut-in-place '" + id + "': table is required");
      }
      if (keyColumn == null) {
        throw new IllegalStateException("cut-in-place '" + id + "': keyColumn is required");
      }
      if (transform == null) {
        throw new IllegalStateException("cut-in-place '" + id + "': sql or transform is required");
      }
      return new CutInPlace(this);
    }
  }
}
