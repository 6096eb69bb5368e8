package dev.cutover.engine;

import dev.cutover.replay.StateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical bytes of an {@link EngineState}: a versioned, length-prefixed binary form in a
 * fixed field order, tasks in plan order, incidents and gate overrides sorted by id. Stateless and
 * thread-safe.
 */
final class EngineStateCodec implements StateCodec<EngineState> {
  static final EngineStateCodec INSTANCE = new EngineStateCodec();
  private static final int VERSION = 1;

  private EngineStateCodec() {}

  @Override
  public byte[] encode(EngineState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 64 * s.tasks().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      str(out, s.planId());
      str(out, s.fingerprint());
      str(out, s.status().name());
      out.writeInt(s.tasks().size());
      for (TaskState t : s.tasks().values()) {
        str(out, t.id());
        str(out, t.kind());
        out.writeInt(t.after().size());
        for (String a : t.after()) {
          str(out, a);
        }
        str(out, t.undo());
        out.writeBoolean(t.irreversible());
        str(out, t.status().name());
      }
      out.writeLong(s.applied());
      out.writeLong(s.undone());
      str(out, s.rollbackSource());
      str(out, s.rollbackReason());
      out.writeInt(s.manual().size());
      for (String m : s.manual()) {
        str(out, m);
      }
      out.writeInt(s.incidents().size());
      for (Incident i : s.incidents().values()) {
        str(out, i.id());
        str(out, i.severity());
        str(out, i.title());
        str(out, i.due());
        out.writeBoolean(i.acknowledged());
        out.writeBoolean(i.escalated());
      }
      out.writeLong(s.notes());
      out.writeLong(s.deviations());
      out.writeLong(s.decisions());
      out.writeInt(s.gateOverrides().size());
      for (Map.Entry<String, String> e : s.gateOverrides().entrySet()) {
        str(out, e.getKey());
        str(out, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public EngineState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "engine state encoding version " + version + " is not supported (expected " + VERSION + ")");
      }
      String planId = str(in);
      String fingerprint = str(in);
      RunStatus status = RunStatus.valueOf(str(in));
      int n = count(in);
      Map<String, TaskState> tasks = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String id = str(in);
        String kind = str(in);
        int m = count(in);
        List<String> after = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
          after.add(str(in));
        }
        String undo = str(in);
        boolean irreversible = in.readBoolean();
        TaskStatus ts = TaskStatus.valueOf(str(in));
        tasks.put(id, new TaskState(id, kind, after, undo, irreversible, ts));
      }
      long applied = in.readLong();
      long undone = in.readLong();
      String source = str(in);
      String reason = str(in);
      int mm = count(in);
      List<String> manual = new ArrayList<>(mm);
      for (int i = 0; i < mm; i++) {
        manual.add(str(in));
      }
      int ni = count(in);
      Map<String, Incident> incidents = new TreeMap<>();
      for (int i = 0; i < ni; i++) {
        Incident inc =
            new Incident(str(in), str(in), str(in), str(in), in.readBoolean(), in.readBoolean());
        incidents.put(inc.id(), inc);
      }
      long notes = in.readLong();
      long deviations = in.readLong();
      long decisions = in.readLong();
      int ng = count(in);
      Map<String, String> overrides = new TreeMap<>();
      for (int i = 0; i < ng; i++) {
        overrides.put(str(in), str(in));
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("engine state has trailing bytes");
      }
      return new EngineState(
          planId, fingerprint, status, tasks, applied, undone, source, reason, manual, incidents,
          notes, deviations, decisions, overrides);
    } catch (IOException e) {
      throw new IllegalArgumentException("engine state bytes are truncated or malformed", e);
    }
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = count(in);
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 24)) {
      throw new IllegalArgumentException("engine state holds an impossible length " + n);
    }
    return n;
  }
}
