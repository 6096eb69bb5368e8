package dev.cutover.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says in words why an I/O operation failed, for messages: {@code /x/y: no such file or
 * directory}, {@code permission denied}; never an exception's class name, which is all some
 * {@link IOException}s carry besides a file name. Not API: exported only to Cutover's own modules.
 * Stateless and thread-safe.
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * Why a text file could not be read, as a whole message: {@code plan file p.yaml does not
   * exist}, {@code ... is a directory}, {@code ... is not UTF-8 text}, else {@code cannot read plan
   * file p.yaml: permission denied}.
   *
   * @param what what the file is ({@code "plan"})
   * @param file the file
   * @param charset the charset it was read in
   * @param e the failure
   * @return the message
   */
  public static String unreadable(String what, Path file, Charset charset, IOException e) {
    if (e instanceof NoSuchFileException) {
      return what + " file " + file + " does not exist";
    }
    if (Files.isDirectory(file)) {
      return what + " file " + file + " is a directory";
    }
    if (e instanceof CharacterCodingException) {
      return what + " file " + file + " is not " + charset.name() + " text";
    }
    return "cannot read " + what + " file " + file + ": " + reason(e, file);
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
  public static String reason(IOException e, Path target) {
    if (e instanceof FileSystemException f && f.getFile() != null
        && !f.getFile().equals(target.toString())
        && !f.getFile().equals(target.toAbsolutePath().toString())) {
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
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason(e);
    }
    return reason(e);
  }

  /**
   * Why an operation failed, in the words of the operating system's error messages.
   *
   * @param e the failure
   * @return the reason, lower case, without a file name or the exception's class name
   */
  public static String reason(IOException e) {
    // these carry only the file name as their message; the condition is in the class
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (e instanceof NotLinkException) {
      return "not a symbolic link";
    }
    if (e instanceof FileSystemLoopException) {
      return "too many levels of symbolic links";
    }
    if (e instanceof CharacterCodingException) {
      return "not text in the expected encoding";
    }
    String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (m == null || m.isBlank()) {
      return "input/output error";
    }
    // "Is a directory" -> "is a directory", but "IO error" stays as it is
    if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
      return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
    return m;
  }
}
