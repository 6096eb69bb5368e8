package dev.cutover.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Minimal RFC 7468 PEM reading and writing. */
final class Pem {
  private Pem() {}

  static String encode(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  static byte[] decode(String label, String text, String source) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    if (b < 0) {
      String found = text.contains("-----BEGIN ") ? text.substring(text.indexOf("-----BEGIN ")).lines().findFirst().orElse("") : "no PEM header";
      throw new KeyFormatException(source, source + ": expected a PEM '" + begin + "' block, found " + found);
    }
    int e = text.indexOf(end, b);
    if (e < 0) {
      throw new KeyFormatException(source, source + ": PEM block has no '" + end + "' line");
    }
    String body = text.substring(b + begin.length(), e).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException ex) {
      throw new KeyFormatException(source, source + ": PEM body is not valid base64: " + ex.getMessage(), ex);
    }
  }
}
