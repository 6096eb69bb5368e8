package dev.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text for the report: escaping, instants and durations. Stateless apart from the time style. */
final class Fmt {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_CLOCK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final boolean multiDay;

  Fmt(boolean multiDay) {
    this.multiDay = multiDay;
  }

  /** Escapes text for HTML element content and quoted attribute values alike. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          // Control characters other than tab and newline are not allowed in HTML text.
          if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A clock time, with the date when the cutover spans more than one UTC day. */
  String time(Instant t) {
    return (multiDay ? DAY_CLOCK : CLOCK).format(t);
  }

  static String full(Instant t) {
    return FULL.format(t);
  }

  /** A duration such as {@code 1h 02m 03s}, {@code 4m 05s}, {@code 45s} or {@code 250ms}. */
  static String duration(Duration d) {
    Duration a = d.abs();
    long totalSeconds = a.getSeconds();
    if (totalSeconds == 0) {
      long ms = a.toMillis();
      return ms == 0 ? "0s" : ms + "ms";
    }
    long h = totalSeconds / 3600;
    long m = (totalSeconds % 3600) / 60;
    long s = totalSeconds % 60;
    if (h > 0) {
      return String.format(Locale.ROOT, "%dh %02dm %02ds", h, m, s);
    }
    if (m > 0) {
      return String.format(Locale.ROOT, "%dm %02ds", m, s);
    }
    return s + "s";
  }

  /** A signed duration: {@code +4m 05s}, {@code -45s}, or {@code 0s}. */
  static String signed(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    return (d.isNegative() ? "-" : "+") + duration(d);
  }

  /** The CSS class of a signed variance: late, early or on time. */
  static String varianceClass(Duration d) {
    if (d.isNegative()) {
      return "early";
    }
    return d.isZero() ? "ontime" : "late";
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
