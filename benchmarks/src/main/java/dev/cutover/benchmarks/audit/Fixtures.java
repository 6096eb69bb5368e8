package dev.cutover.benchmarks.audit;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import dev.cutover.audit.spi.AuditStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The entry every audit benchmark appends: a typical task event of about 300 bytes. */
final class Fixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static Map<String, Object> data() {
    Map<String, Object> data = new TreeMap<>();
    data.put("task", "migrate-accounts");
    data.put("rows", 125_000);
    data.put("digest", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    data.put("ok", true);
    data.put("tables", List.of("accounts", "balances"));
    return data;
  }

  static AuditEvent event() {
    return AuditEvent.of("task.completed", "engine", data());
  }

  /** The same entry as a plain map, for the serialise-and-hash limit. */
  static Map<String, Object> entryMap(long seq) {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", 1);
    m.put("seq", seq);
    m.put("time", "2026-11-21T10:15:30.123Z");
    m.put("type", "task.completed");
    m.put("actor", "engine");
    m.put("data", data());
    m.put("prev", Hash.ZERO.hex());
    return m;
  }

  /** Writes a log file of {@code n} entries quickly, through a write-only store (no fsync per entry). */
  static void writeLog(Path file, long n) throws IOException {
    Files.deleteIfExists(file);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        AuditLog log = AuditLog.open(new StreamingStore(out), CLOCK)) {
      AuditEvent e = event();
      for (long i = 0; i < n; i++) {
        log.append(e);
      }
    }
  }

  /** An SPI store that streams entries to a file and keeps only the last hash. */
  private static final class StreamingStore implements AuditStore {
    private final OutputStream out;
    private long size;
    private Hash last = Hash.ZERO;

    StreamingStore(OutputStream out) {
      this.out = out;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public Hash lastHash() {
      return last;
    }

    @Override
    public void append(AuditEntry entry) {
      try {
        out.write(entry.canonicalBytes());
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      size++;
      last = entry.hash();
    }

    @Override
    public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
      if (fromSeq != toSeq) {
        throw new IllegalStateException("write-only benchmark store");
      }
    }

    @Override
    public void close() {}
  }
}
