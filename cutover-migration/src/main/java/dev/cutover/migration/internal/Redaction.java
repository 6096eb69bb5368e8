package dev.cutover.migration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and hides the passwords in JDBC URLs and in messages that quote them. Thread-safe
 * (stateless).
 */
public final class Redaction {
  /** Where a password sits: group 1 is what precedes it, group 2 the password itself. */
  private static final List<Pattern> PASSWORDS = List.of(
      // a parameter: its value ends at '&' or white space ('%26' encodes an '&' in a password)
      Pattern.compile("(?i)((?:password|passwd|pwd)=)([^&\\s]*)"),
      // user:password@host: the password may hold '@' (it runs to the last one), the host may not
      Pattern.compile("(//[^/:@\\s]+:)([^/\\s]*)(?=@)"));

  private Redaction() {}

  /**
   * Replaces every password in {@code text} by {@code ***}.
   *
   * @param text a URL or message
   * @return the text without its passwords
   */
  public static String redact(String text) {
    String s = text;
    for (Pattern p : PASSWORDS) {
      s = p.matcher(s).replaceAll("$1***");
    }
    return s;
  }

  /**
   * The passwords a URL carries, to look for them in a driver's messages.
   *
   * @param url a JDBC URL
   * @return the non-empty passwords, in order
   */
  public static List<String> secrets(String url) {
    List<String> out = new ArrayList<>();
    for (Pattern p : PASSWORDS) {
      Matcher m = p.matcher(url);
      while (m.find()) {
        if (!m.group(2).isEmpty()) {
          out.add(m.group(2));
        }
      }
    }
    return out;
  }
}
