package dev.cutover.cli;

import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the files a command is given and creates the directories it writes to, saying in words
 * why that failed: {@code plan file p.yaml does not exist}, {@code cannot create demo directory
 * /proc/x: no such file or directory}; never an exception's class name. Failures are {@link
 * IllegalArgumentException}s, which {@link Main} prints as they are with exit status {@value
 * Main#BAD_INPUT}. Stateless and thread-safe.
 */
final class FileErrors {
  private FileErrors() {}

  /**
   * Reads a whole UTF-8 text file.
   *
   * @param file the file
   * @param what what the file is, for messages ({@code "plan"}: "plan file x does not exist")
   * @return its text
   * @throws IllegalArgumentException if it is missing, a directory, unreadable or not UTF-8
   */
  static String readText(Path file, String what) {
    return readText(file, what, StandardCharsets.UTF_8);
  }

  /**
   * Reads a whole text file in the given charset.
   *
   * @param file the file
   * @param what what the file is, for messages
   * @param charset the charset the file must be in
   * @return its text
   * @throws IllegalArgumentException if it is missing, a directory, unreadable or not in the charset
   */
  static String readText(Path file, String what, Charset charset) {
    try {
      return Files.readString(file, charset);
    } catch (IOException e) {
      throw new IllegalArgumentException(IoErrors.unreadable(what, file, charset, e), e);
    }
  }

  /**
   * Creates a directory a command writes to, with its missing parents.
   *
   * @param dir the directory
   * @param option the option that named it, for messages ({@code "--dir"})
   * @param what what the directory is, for messages ({@code "demo directory"})
   * @throws IllegalArgumentException if it is a file, or cannot be created
   */
  static void createDirectory(Path dir, String option, String what) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create " + what + " " + dir + ": " + IoErrors.reason(e, dir), e);
    }
  }
}
