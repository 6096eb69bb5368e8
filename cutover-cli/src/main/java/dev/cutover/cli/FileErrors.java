package dev.cutover.cli;

import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + " file " + file + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " file " + file + " is not " + charset.name() + " text", e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(what + " file " + file + " is a directory", e);
      }
      throw new IllegalArgumentException("cannot read " + what + " file " + file + ": " + reason(e, file), e);
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
      throw new IllegalArgumentException("cannot create " + what + " " + dir + ": " + reason(e, dir), e);
    }
  }

  /**
   * Why an operation on {@code target} failed: the reason alone when it failed on the target
   * itself, else the file it failed on and the reason ({@code /a/b: permission denied} when
   * creating {@code /a/b/c}).
   *
   * @param e the failure
   * @param target the file the caller's message already names
   * @return the reason, lower case
   */
  static String reason(IOException e, Path target) {
    if (e instanceof FileSystemException f && f.getFile() != null
        && !f.getFile().equals(target.toString()) && !f.getFile().equals(target.toAbsolutePath().toString())) {
      return describe(e);
    }
    return reason(e);
  }

  /**
   * The file an operation failed on, if known, and why: {@code /x/y: no such file or directory}.
   *
   * @param e the failure
   * @return the description, without the exception's class name
   */
  static String describe(IOException e) {
    return IoErrors.describe(e);
  }

  /**
   * Why an operation failed, in the words of the operating system's error messages.
   *
   * @param e the failure
   * @return the reason, lower case, without a file name or the exception's class name
   */
  static String reason(IOException e) {
    return IoErrors.reason(e);
  }
}
