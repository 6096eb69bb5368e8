package dev.cutover.rollback.jdbc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Rows through PostgreSQL's COPY (text format). Loaded only when the connection is PostgreSQL, so
 * the driver stays an optional dependency. The archive keeps COPY's own bytes; the digest is
 * computed by parsing them into the canonical row encoding as they stream past.
 */
final class PgCopy {
  private static final int FLUSH = 64 * 1024;

  private PgCopy() {}

  /** Fixes the session settings that COPY's text output depends on, for this transaction. */
  static void prepare(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL DateStyle = 'ISO, YMD'");
      s.execute("SET LOCAL TimeZone = 'UTC'");
      s.execute("SET LOCAL extra_float_digits = 3");
      s.execute("SET LOCAL bytea_output = 'hex'");
      s.execute("SET LOCAL IntervalStyle = 'postgres'");
    }
  }

  static void copyOut(
      Connection c, TableDefinition def, Selection sel, String quote, DataOutputStream frames,
      RowDigest digest) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    String table = TableDefinition.quote(def.name(), quote);
    String sql =
        sel.isRange()
            ? "COPY (SELECT " + def.columnList(quote) + " FROM " + table + sel.where(quote)
                + ") TO STDOUT"
            : "COPY " + table + " (" + def.columnList(quote) + ") TO STDOUT";
    Family[] families = def.columns().stream().map(Column::family).toArray(Family[]::new);
    Family[] elements = def.columns().stream()
        .map(col -> col.family() == Family.ARRAY ? ArrayValues.pgElement(col.typeName()) : null)
        .toArray(Family[]::new);
    Parser parser = new Parser(families, elements, digest);
    CopyOut out = copy.copyOut(sql);
    try {
      for (byte[] data; (data = out.readFromCopy()) != null; ) {
        if (frames != null) {
          frames.writeInt(data.length);
          frames.write(data);
        }
        parser.feed(data);
      }
      parser.finish();
    } finally {
      if (out.isActive()) {
        out.cancelCopy();
      }
    }
  }

  static void copyIn(Connection c, TableDefinition def, String quote, DataInputStream frames)
      throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    CopyIn in =
        copy.copyIn(
            "COPY " + TableDefinition.quote(def.name(), quote) + " (" + def.columnList(quote)
                + ") FROM STDIN");
    try {
      byte[] buf = new byte[FLUSH * 2];
      int filled = 0;
      for (int len; (len = frames.readInt()) >= 0; ) {
        if (filled + len > buf.length) {
          if (filled > 0) {
            in.writeToCopy(buf, 0, filled);
            filled = 0;
          }
          if (len > buf.length) {
            buf = new byte[len];
          }
        }
        frames.readFully(buf, filled, len);
        filled += len;
        if (filled >= FLUSH) {
          in.writeToCopy(buf, 0, filled);
          filled = 0;
        }
      }
      if (filled > 0) {
        in.writeToCopy(buf, 0, filled);
      }
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /** Splits COPY text into rows and fields, and feeds them canonically to the digest. */
  static final class Parser {
    private final Family[] families;
    private final Family[] elements;
    private final RowDigest digest;
    private final RowBuffer row = new RowBuffer();
    private byte[] pending = new byte[0];

    /** {@code elements} holds the element family of each ARRAY column, null elsewhere. */
    Parser(Family[] families, Family[] elements, RowDigest digest) {
      this.families = families;
      this.elements = elements;
      this.digest = digest;
    }

    void feed(byte[] data) throws IOException {
      int start = 0;
      for (int i = 0; i < data.length; i++) {
        if (data[i] == '\n') {
          if (pending.length > 0) {
            byte[] joined = new byte[pending.length + i - start];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(data, start, joined, pending.length, i - start);
            pending = new byte[0];
            row(joined, 0, joined.length);
          } else {
            row(data, start, i);
          }
          start = i + 1;
        }
      }
      if (start < data.length) {
        byte[] joined = new byte[pending.length + data.length - start];
        System.arraycopy(pending, 0, joined, 0, pending.length);
        System.arraycopy(data, start, joined, pending.length, data.length - start);
        pending = joined;
      }
    }

    void finish() throws IOException {
      if (pending.length > 0) {
        throw new IOException("COPY output ended inside a row");
      }
    }

    private void row(byte[] b, int from, int to) throws IOException {
      row.reset();
      int field = 0;
      int start = from;
      for (int i = from; i <= to; i++) {
        if (i == to || b[i] == '\t') {
          if (field == families.length) {
            throw new IOException("COPY row has more than " + families.length + " fields");
          }
          Family f = families[field++];
          if (f == Family.ARRAY) {
            ArrayValues.readPgText(decode(b, start, i), elements[field - 1], row);
          } else if ((f == Family.INTEGER || f == Family.TEXT || f == Family.OTHER)
              && plain(b, start, i)) {
            // No escapes: COPY's bytes are already the canonical UTF-8.
            row.putBytes(f.tag(), b, start, i - start);
          } else {
            f.readCopyText(decode(b, start, i), row);
          }
          start = i + 1;
        }
      }
      if (field != families.length) {
        throw new IOException(
            "COPY row has " + field + " fields, expected " + families.length);
      }
      digest.add(row);
    }

    private static boolean plain(byte[] b, int from, int to) {
      for (int i = from; i < to; i++) {
        if (b[i] == '\\') {
          return false;
        }
      }
      return true;
    }

    /** One field of COPY text: {@code \N} is null; backslash escapes are undone. */
    static String decode(byte[] b, int from, int to) {
      if (to - from == 2 && b[from] == '\\' && b[from + 1] == 'N') {
        return null;
      }
      int slash = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == '\\') {
          slash = i;
          break;
        }
      }
      if (slash < 0) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
      }
      byte[] out = new byte[to - from];
      int n = 0;
      for (int i = from; i < to; i++) {
        byte c = b[i];
        if (c != '\\' || i + 1 == to) {
          out[n++] = c;
          continue;
        }
        byte e = b[++i];
        switch (e) {
          case 'b' -> out[n++] = '\b';
          case 'f' -> out[n++] = '\f';
          case 'n' -> out[n++] = '\n';
          case 'r' -> out[n++] = '\r';
          case 't' -> out[n++] = '\t';
          case 'v' -> out[n++] = 0x0b;
          case 'x' -> {
            int v = 0;
            int digits = 0;
            while (digits < 2 && i + 1 < to && Character.digit(b[i + 1], 16) >= 0) {
              v = v * 16 + Character.digit(b[++i], 16);
              digits++;
            }
            out[n++] = (byte) v;
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int v = e - '0';
              for (int k = 0; k < 2 && i + 1 < to && b[i + 1] >= '0' && b[i + 1] <= '7'; k++) {
                v = v * 8 + (b[++i] - '0');
              }
              out[n++] = (byte) v;
            } else {
              out[n++] = e;
            }
          }
        }
      }
      return new String(out, 0, n, StandardCharsets.UTF_8);
    }
  }
}
