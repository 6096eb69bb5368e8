package dev.cutover.rollback.jdbc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows through plain JDBC: streaming reads and batched inserts (H2, MariaDB, others). A frame is
 * a 4-byte length, the canonical row, then the UTC offset in seconds (4 bytes, 0 for null) of each
 * {@code TIMESTAMPTZ} column in order; the offsets are not part of the digest.
 */
final class JdbcRows {
  static final int BATCH = 1000;

  private JdbcRows() {}

  /** Reads the selected rows, adding each to the digest and, if given, writing it as a frame. */
  static void read(
      Connection c, TableDefinition def, Selection sel, String quote, DataOutputStream frames,
      RowDigest digest) throws SQLException, IOException {
    String sql =
        "SELECT " + def.columnList(quote) + " FROM " + TableDefinition.quote(def.name(), quote)
            + sel.where(quote);
    List<Column> cols = def.columns();
    Family[] families = cols.stream().map(Column::family).toArray(Family[]::new);
    RowBuffer row = new RowBuffer();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.reset();
          for (int i = 0; i < families.length; i++) {
            families[i].read(rs, i + 1, row);
          }
          digest.add(row);
          if (frames != null) {
            frames.writeInt(row.length());
            frames.write(row.array(), 0, row.length());
            for (int k = 0; k < row.offsetCount(); k++) {
              frames.writeInt(row.offset(k));
            }
          }
        }
      }
    }
  }

  /**
   * Inserts the canonical rows of an archive into {@code table} (the definition's own table or a
   * staging copy of it), in batches, until the end frame.
   */
  static void insert(
      Connection c, Dialect dialect, TableDefinition def, String table, String quote,
      DataInputStream frames) throws SQLException, IOException {
    List<Column> cols = def.columns();
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(TableDefinition.quote(table, quote))
            .append(" (").append(def.columnList(quote)).append(") VALUES (");
    for (int i = 0; i < cols.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(placeholder(dialect, cols.get(i)));
    }
    sql.append(')');
    Family[] families = cols.stream().map(Column::family).toArray(Family[]::new);
    int zoned = (int) cols.stream().filter(col -> col.family() == Family.TIMESTAMPTZ).count();
    int[] offsets = new int[zoned];
    byte[] buf = new byte[256];
    int pending = 0;
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int len; (len = frames.readInt()) >= 0; ) {
        if (len > buf.length) {
          buf = new byte[Math.max(len, buf.length * 2)];
        }
        frames.readFully(buf, 0, len);
        for (int k = 0; k < zoned; k++) {
          offsets[k] = frames.readInt();
        }
        int pos = 0;
        int zone = 0;
        for (int i = 0; i < families.length; i++) {
          int offset = families[i] == Family.TIMESTAMPTZ ? offsets[zone++] : 0;
          byte tag = buf[pos++];
          if (tag == 0) {
            ps.setNull(i + 1, cols.get(i).sqlType());
            continue;
          }
          int vlen = RowBuffer.getInt(buf, pos);
          pos += 4;
          Family.ofTag(tag).bind(ps, i + 1, buf, pos, vlen, offset);
          pos += vlen;
        }
        ps.addBatch();
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  /** H2 reads a string bound to a JSON column as a JSON string unless told it is JSON text. */
  private static String placeholder(Dialect dialect, Column col) {
    return dialect == Dialect.H2 && col.typeName().equalsIgnoreCase("json") ? "? FORMAT JSON" : "?";
  }
}
