package dev.cutover.migration.validation;

import dev.cutover.migration.internal.Hashing;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The canonical encoding of a row, version 1, so that the same data gives the same bytes (and
 * digest) on H2, PostgreSQL and MariaDB. A row is the concatenation of its values in column order;
 * each value is one tag byte, a 4-byte big-endian length and the UTF-8 text:
 *
 * <ul>
 *   <li>{@code 'N'} SQL NULL (length 0);
 *   <li>{@code 'n'} exact numbers (all integer types, DECIMAL, NUMERIC): the plain decimal with no
 *       exponent and no trailing fractional zeros ({@code 5}, {@code 5.00} and integer 5 all
 *       encode as {@code 5}; zero as {@code 0});
 *   <li>{@code 'f'} approximate numbers (REAL, FLOAT, DOUBLE): Java's {@code Double.toString} of
 *       the value read as a double;
 *   <li>{@code 'b'} booleans (including MariaDB's {@code TINYINT(1)}/{@code BIT(1)}): {@code 0} or
 *       {@code 1};
 *   <li>{@code 's'} character strings; fixed-length {@code CHAR} values without trailing spaces
 *       (PostgreSQL pads them, MariaDB does not);
 *   <li>{@code 'd'} DATE as {@code yyyy-MM-dd}; {@code 't'} TIME as {@code HH:mm:ss[.fraction]};
 *   <li>{@code 'p'} TIMESTAMP without time zone as {@code yyyy-MM-ddTHH:mm:ss[.fraction]};
 *       {@code 'z'} TIMESTAMP WITH TIME ZONE as the UTC instant in the same form with {@code Z};
 *       fractions without trailing zeros;
 *   <li>{@code 'x'} binary types: lower-case hex of the bytes;
 *   <li>anything else: {@code 's'} with the driver's string form.
 * </ul>
 *
 * <p>A row's digest is SHA-256 of its encoding. Thread-safe (stateless).
 */
public final class RowEncoding {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS", Locale.ROOT);

  private RowEncoding() {}

  /**
   * Encodes the current row of a result set, all its columns in order.
   *
   * @param rs a result set positioned on a row
   * @return the canonical bytes
   * @throws SQLException if a value cannot be read
   */
  public static byte[] encode(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (int i = 1; i <= md.getColumnCount(); i++) {
      value(out, rs, i, md.getColumnType(i), md.getColumnTypeName(i));
    }
    return out.toByteArray();
  }

  /**
   * SHA-256 of {@link #encode(ResultSet)}.
   *
   * @param rs a result set positioned on a row
   * @return the 32-byte digest
   * @throws SQLException if a value cannot be read
   */
  public static byte[] digest(ResultSet rs) throws SQLException {
    return Hashing.sha256(encode(rs));
  }

  private static void value(ByteArrayOutputStream out, ResultSet rs, int i, int type, String name)
      throws SQLException {
    String tn = name == null ? "" : name.toLowerCase(Locale.ROOT);
    switch (type) {
      case Types.BIT:
      case Types.BOOLEAN: {
        boolean b = rs.getBoolean(i);
        put(out, rs.wasNull() ? 'N' : 'b', rs.wasNull() ? "" : b ? "1" : "0");
        return;
      }
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC: {
        if (tn.startsWith("tinyint(1)") || tn.equals("bool")) {
          boolean b = rs.getBoolean(i);
          put(out, rs.wasNull() ? 'N' : 'b', rs.wasNull() ? "" : b ? "1" : "0");
          return;
        }
        BigDecimal d = rs.getBigDecimal(i);
        put(out, d == null ? 'N' : 'n', d == null ? "" : exact(d));
        return;
      }
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE: {
        double d = rs.getDouble(i);
        put(out, rs.wasNull() ? 'N' : 'f', rs.wasNull() ? "" : Double.toString(d));
        return;
      }
      case Types.CHAR:
      case Types.NCHAR: {
        String s = rs.getString(i);
        put(out, s == null ? 'N' : 's', s == null ? "" : s.stripTrailing());
        return;
      }
      case Types.DATE: {
        LocalDate d = rs.getObject(i, LocalDate.class);
        put(out, d == null ? 'N' : 'd', d == null ? "" : d.toString());
        return;
      }
      case Types.TIME: {
        LocalTime t = rs.getObject(i, LocalTime.class);
        put(out, t == null ? 'N' : 't', t == null ? "" : trimFraction(TIME.format(t)));
        return;
      }
      case Types.TIMESTAMP_WITH_TIMEZONE:
        zoned(out, rs, i);
        return;
      case Types.TIMESTAMP: {
        if (tn.contains("tz") || tn.contains("time zone")) {
          zoned(out, rs, i);
          return;
        }
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        put(out, t == null ? 'N' : 'p', t == null ? "" : timestamp(t) );
        return;
      }
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB: {
        byte[] b = rs.getBytes(i);
        put(out, b == null ? 'N' : 'x', b == null ? "" : Hashing.hex(b));
        return;
      }
      default: {
        String s = rs.getString(i);
        put(out, s == null ? 'N' : 's', s == null ? "" : s);
      }
    }
  }

  private static void zoned(ByteArrayOutputStream out, ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    put(out, t == null ? 'N' : 'z',
        t == null ? "" : timestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime())
            + "Z");
  }

  private static String timestamp(LocalDateTime t) {
    return t.toLocalDate() + "T" + trimFraction(TIME.format(t.toLocalTime()));
  }

  private static String trimFraction(String hhmmssNanos) {
    int dot = hhmmssNanos.indexOf('.');
    int end = hhmmssNanos.length();
    while (end > dot + 1 && hhmmssNanos.charAt(end - 1) == '0') {
      end--;
    }
    return end == dot + 1 ? hhmmssNanos.substring(0, dot) : hhmmssNanos.substring(0, end);
  }

  /** The canonical text of an exact number. */
  static String exact(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  private static void put(ByteArrayOutputStream out, char tag, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    out.write(tag);
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.write(b, 0, b.length);
  }
}
