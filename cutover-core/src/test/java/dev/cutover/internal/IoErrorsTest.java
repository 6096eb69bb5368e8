package dev.cutover.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The words for failures that tests cannot provoke on every machine (a test run as root may read
 * and write anything).
 */
class IoErrorsTest {
  @Test
  void reason_namesTheConditionThatTheExceptionClassCarries() {
    assertThat(IoErrors.reason(new AccessDeniedException("/etc/shadow"))).isEqualTo("permission denied");
    assertThat(IoErrors.reason(new NoSuchFileException("/nope"))).isEqualTo("no such file or directory");
    assertThat(IoErrors.reason(new FileSystemException("/mnt/x", null, "Read-only file system")))
        .isEqualTo("read-only file system");
    assertThat(IoErrors.reason(new IOException("No space left on device"))).isEqualTo("no space left on device");
    assertThat(IoErrors.reason(new IOException("IO error"))).isEqualTo("IO error");
    assertThat(IoErrors.reason(new IOException())).isEqualTo("input/output error");
    assertThat(IoErrors.reason(new MalformedInputException(1))).doesNotContain("Exception").doesNotContain("1");
  }

  @Test
  void describe_namesTheFileItFailedOn() {
    assertThat(IoErrors.describe(new AccessDeniedException("/srv/demo/keys/a.pem")))
        .isEqualTo("/srv/demo/keys/a.pem: permission denied");
    assertThat(IoErrors.describe(new FileSystemException("/a", "/b", "Invalid cross-device link")))
        .isEqualTo("/a -> /b: invalid cross-device link");
  }

  @Test
  void reason_namesTheFileOnlyWhenItIsNotTheOneTheMessageNames() {
    assertThat(IoErrors.reason(new AccessDeniedException("/srv/demo"), Path.of("/srv/demo")))
        .isEqualTo("permission denied");
    assertThat(IoErrors.reason(new AccessDeniedException("/srv"), Path.of("/srv/demo")))
        .isEqualTo("/srv: permission denied");
    Path relative = Path.of("demo-dir");
    assertThat(IoErrors.reason(new AccessDeniedException(relative.toAbsolutePath().toString()), relative))
        .isEqualTo("permission denied");
  }
}
