package dev.cutover.migration.masking;

import dev.cutover.migration.MigrationContext;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.movement.ChunkListener;
import dev.cutover.migration.movement.CutInPlace;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Pseudonymises columns of a table in key-ordered, resumable chunks (a {@link CutInPlace} under
 * the hood): every non-null value {@code v} of a column with mask {@code m} becomes a function of
 * HMAC-SHA256(key, m.name() ‖ 0x00 ‖ UTF-8(v)). NULL stays NULL. The chunk progress makes the step
 * idempotent: re-applying it never masks a masked value again. The checksum covers the table, the
 * columns and masks, and a fingerprint of the key (never the key). Immutable and thread-safe.
 */
public final class MaskingStep implements MigrationStep {
  private final CutInPlace delegate;
  private final byte[] key;

  private MaskingStep(Builder b) {
    this.key = b.key.clone();
    Map<String, Mask> cols = new LinkedHashMap<>(b.columns);
    String fingerprint = fingerprint(key);
    StringBuilder def = new StringBuilder("masking-v1;key=").append(fingerprint);
    cols.forEach((c, m) -> def.append(';').append(c).append('=').append(m));
    String select = "SELECT " + b.keyColumn + ", " + String.join(", ", cols.keySet()) + " FROM "
        + b.table + " WHERE " + b.keyColumn + " > ? AND " + b.keyColumn + " <= ?";
    StringBuilder set = new StringBuilder();
    for (String c : cols.keySet()) {
      set.append(set.length() == 0 ? "" : ", ").append(c).append(" = ?");
    }
    String update = "UPDATE " + b.table + " SET " + set + " WHERE " + b.keyColumn + " = ?";
    Mask[] masks = cols.values().toArray(new Mask[0]);
    CutInPlace.Builder cb = CutInPlace.builder()
        .id(b.id)
        .table(b.table)
        .keyColumn(b.keyColumn)
        .chunkSize(b.chunkSize)
        .transform(def.toString(), (c, from, to) -> maskRange(c, select, update, masks, from, to));
    b.listeners.forEach(cb::listener);
    this.delegate = cb.build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pseudonym of a value, as the step computes it; useful to mask values the host holds
   * elsewhere (e.g. in files) consistently with the database.
   *
   * @param value the original value
   * @param mask the mask
   * @return the pseudonym
   */
  public String pseudonym(String value, Mask mask) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(mask, "mask");
    return pseudonym(key, value, mask);
  }

  private long maskRange(Connection c, String select, String update, Mask[] masks, long from,
      long to) throws SQLException {
    long n = 0;
    try (PreparedStatement s = c.prepareStatement(select);
        PreparedStatement u = c.prepareStatement(update)) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          for (int i = 0; i < masks.length; i++) {
            String v = rs.getString(i + 2);
            u.setString(i + 1, v == null ? null : pseudonym(key, v, masks[i]));
          }
          u.setLong(masks.length + 1, rs.getLong(1));
          u.addBatch();
          n++;
        }
      }
      if (n > 0) {
        u.executeBatch();
      }
    }
    return n;
  }

  static String pseudonym(byte[] key, String value, Mask mask) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    byte[] in = (mask.name() + "\0" + value).getBytes(StandardCharsets.UTF_8);
    mac.update(in, 0, in.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    String hex = Hashing.hex(out);
    int len = Math.min(64, Math.max(1, value.length()));
    switch (mask) {
      case EMAIL:
        return "u" + hex.substring(0, 16) + "@example.invalid";
      case DIGITS: {
        StringBuilder d = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
          d.append((char) ('0' + ((out[i % 32] & 0xff) + i / 32) % 10));
        }
        return d.toString();
      }
      default:
        return hex.substring(0, Math.max(8, len));
    }
  }

  private static String fingerprint(byte[] key) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    byte[] in = "cutover-masking-key-fingerprint".getBytes(StandardCharsets.UTF_8);
    mac.update(in, 0, in.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return Hashing.hex(Arrays.copyOf(out, 8));
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public String checksum() {
    return delegate.checksum();
  }

  @Override
  public boolean transactionalOn(Dialect dialect) {
    return false;
  }

  @Override
  public Map<String, Object> apply(MigrationContext context) throws SQLException {
    return delegate.apply(context);
  }

  @Override
  public boolean isApplied(MigrationContext context) throws SQLException {
    return delegate.isApplied(context);
  }

  @Override
  public String toString() {
    return "MaskingStep[" + delegate.id() + "]";
  }

  /** Builds a {@link MaskingStep}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String table;
    private String keyColumn;
    private final Map<String, Mask> columns = new LinkedHashMap<>();
    private byte[] key;
    private int chunkSize = 1000;
    private boolean chunkSet;
    private final java.util.List<ChunkListener> listeners = new java.util.ArrayList<>();

    private Builder() {}

    /**
     * Sets the step id (required).
     *
     * @param id not blank
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
     * Sets the table and its integral key column (required).
     *
     * @param table the table
     * @param keyColumn its key
     * @return this builder
     */
    public Builder table(String table, String keyColumn) {
      if (this.table != null) {
        throw new IllegalStateException("table is already set");
      }
      this.table = Dialect.checkIdentifier("table", table);
      this.keyColumn = Dialect.checkIdentifier("key column", keyColumn);
      return this;
    }

    /**
     * Masks a string column (at least one is required).
     *
     * @param column the column
     * @param mask how its pseudonyms look
     * @return this builder
     */
    public Builder column(String column, Mask mask) {
      Dialect.checkIdentifier("column", column);
      Objects.requireNonNull(mask, "mask");
      if (columns.putIfAbsent(column, mask) != null) {
        throw new IllegalStateException("column '" + column + "' is already masked");
      }
      return this;
    }

    /**
     * Sets the HMAC key (required); keep it secret, and the same key wherever the same data must
     * mask alike.
     *
     * @param key at least 16 bytes; copied
     * @return this builder
     */
    public Builder key(byte[] key) {
      if (this.key != null) {
        throw new IllegalStateException("key is already set");
      }
      Objects.requireNonNull(key, "key");
      if (key.length < 16) {
        throw new IllegalArgumentException("masking key must have at least 16 bytes, had " + key.length);
      }
      this.key = key.clone();
      return this;
    }

    /**
     * Sets the keys per chunk (default 1,000).
     *
     * @param chunkSize 1 to 1,000,000
     * @return this builder
     */
    public Builder chunkSize(int chunkSize) {
      if (chunkSet) {
        throw new IllegalStateException("chunkSize is already set");
      }
      if (chunkSize < 1 || chunkSize > 1_000_000) {
        throw new IllegalArgumentException("chunkSize must be between 1 and 1000000, was " + chunkSize);
      }
      this.chunkSize = chunkSize;
      chunkSet = true;
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
    public MaskingStep build() {
      if (id == null) {
        throw new IllegalStateException("id is required");
      }
      if (table == null) {
        throw new IllegalStateException("masking step '" + id + "': table is required");
      }
      if (columns.isEmpty()) {
        throw new IllegalStateException("masking step '" + id + "': at least one column is required");
      }
      if (key == null) {
        throw new IllegalStateException("masking step '" + id + "': key is required");
      }
      return new MaskingStep(this);
    }
  }
}
