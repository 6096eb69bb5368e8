package dev.cutover.rollback.jdbc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Rows through plain JDBC: streaming reads and batched inserts (H2, MariaDB, others). */
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
          }
        }
      }
    }
  }

  /** Inserts the canonical rows of an archive, in batches, until the end frame. */
  static void insert(Connection c, TableDefinition def, String quote, DataInputStream frames)
      throws SQLException, IOException {
    List<Column> cols = def.columns();
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(TableDefinition.quote(def.name(), quote))
            .append(" (").append(def.columnList(quote)).append(") VALUES (");
    for (int i = 0; i < cols.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    Family[] families = cols.stream().map(Column::family).toArray(Family[]::new);
    byte[] buf = new byte[256];
    int pending = 0;
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int len; (len = frames.readInt()) >= 0; ) {
        if (len > buf.length) {
          buf = new byte[Math.max(len, buf.length * 2)];
        }
        frames.readFully(buf, 0, len);
        int pos = 0;
        for (int i = 0; i < families.length; i++) {
          byte tag = buf[pos++];
          if (tag == 0) {
            ps.setNull(i + 1, cols.get(i).sqlType());
            continue;
          }
          int vlen = RowBuffer.getInt(buf, pos);
          pos += 4;
          Family.ofTag(tag).bind(ps, i + 1, buf, pos, vlen);
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
}
