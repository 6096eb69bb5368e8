package dev.cutover.rollback;

import dev.cutover.audit.AuditLog;
import dev.cutover.internal.IoErrors;
import dev.cutover.rollback.RestoreRefusal.Reason;
import dev.cutover.rollback.spi.SnapshotScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** The one {@link SnapshotStore} implementation, over a memory or file-system {@link Backend}. */
final class DefaultSnapshotStore implements SnapshotStore {
  private final Backend backend;
  private final Clock clock;
  private final SnapshotListener listener;
  private final Random random;
  private final int chunkSize;
  private final RestoreAuthorizer authorizer;
  private final Duration retention;
  private final Instant windowClosesAt;
  private final StoreAudit audit;
  private final AuditLog auditLog;
  private final boolean ownsAuditLog;
  private final Map<String, Manifest> held = new LinkedHashMap<>();
  // Snapshots and restores share chunks; releases (which collect garbage) exclude them.
  private final ReadWriteLock chunkLock = new ReentrantReadWriteLock();
  private boolean closed;

  DefaultSnapshotStore(
      SnapshotStoreBuilder b,
      Backend backend,
      Clock clock,
      SnapshotListener listener,
      Random random,
      int chunkSize,
      AuditLog auditLog,
      boolean ownsAuditLog) {
    this.backend = backend;
    this.auditLog = auditLog;
    this.ownsAuditLog = ownsAuditLog;
    this.clock = clock;
    this.listener = listener;
    this.random = random;
    this.chunkSize = chunkSize;
    this.authorizer = b.authorizer;
    this.retention = b.retention;
    this.windowClosesAt = b.windowClosesAt;
    this.audit = new StoreAudit(auditLog);
    SnapshotListener recovery =
        new SnapshotListener() {
          @Override
          public void onDiscarded(String what) {
            audit.discarded(what);
            listener.onDiscarded(what);
          }
        };
    try {
      for (Manifest m : backend.recover(recovery)) {
        held.put(m.ref().id(), m);
      }
    } catch (IOException e) {
      closeQuietly();
      throw new SnapshotException("cannot open snapshot store " + backend + ": " + IoErrors.describe(e),
          e);
    }
  }

  @Override
  public SnapshotRef snapshot(SnapshotScope scope, SnapshotContext context) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(context, "context");
    String name = scopeName(scope);
    Instant takenAt = clock.instant();
    Instant expiresAt = retention != null ? takenAt.plus(retention) : windowClosesAt;
    if (!expiresAt.isAfter(takenAt)) {
      throw new SnapshotException(
          "cannot snapshot scope '" + name + "': the rollback window closed at " + expiresAt
              + " (now " + takenAt + ")");
    }
    String id = newId();
    chunkLock.readLock().lock();
    try {
      ensureOpen();
      Backend.Staging staging = backend.stage(id);
      boolean committed = false;
      try {
        ChunkStreams.Writer out = new ChunkStreams.Writer(staging, chunkSize);
        String digest = scope.capture(out);
        Checks.digest(digest, "content digest returned by scope '" + name + "'");
        out.finish();
        List<String> chunks = out.hashes();
        SnapshotMetadata meta =
            new SnapshotMetadata(
                name,
                scope.production(),
                out.size(),
                takenAt,
                expiresAt,
                context.principal(),
                context.cutoverId(),
                context.taskId());
        SnapshotRef ref =
            new SnapshotRef(id, digest, Manifest.archiveDigest(out.size(), chunks), meta);
        Manifest manifest = new Manifest(ref, chunks, null);
        staging.commit(manifest);
        committed = true;
        synchronized (held) {
          held.put(id, manifest);
        }
        audit.captured(ref);
        listener.onSnapshotTaken(ref);
        return ref;
      } finally {
        if (!committed) {
          staging.abort();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new SnapshotException(
          "cannot snapshot scope '" + name + "' for " + context + ": " + e.getMessage(), e);
    } finally {
      chunkLock.readLock().unlock();
    }
  }

  @Override
  public RestoreReport restore(
      SnapshotRef snapshot, SnapshotScope scope, Authorization authorization) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(authorization, "authorization");
    String principal = authorization.principal();
    chunkLock.readLock().lock();
    try {
      ensureOpen();
      Manifest manifest = heldManifest(snapshot.id());
      if (manifest == null) {
        throw refuse(
            snapshot, authorization, Reason.UNKNOWN_SNAPSHOT,
            "snapshot '" + snapshot.id() + "' of scope '" + snapshot.scope()
                + "' is not held by this store (never taken here, or released)");
      }
      String name = scopeName(scope);
      if (!name.equals(snapshot.scope())) {
        throw refuse(
            snapshot, authorization, Reason.SCOPE_MISMATCH,
            "snapshot '" + snapshot.id() + "' captured scope '" + snapshot.scope()
                + "', not scope '" + name + "'");
      }
      Instant now = clock.instant();
      Instant closes = manifest.ref().metadata().expiresAt();
      if (!now.isBefore(closes)) {
        throw refuse(
            snapshot, authorization, Reason.WINDOW_CLOSED,
            "cannot restore snapshot '" + snapshot.id() + "' of scope '" + snapshot.scope()
                + "': its rollback window closed at " + closes + " (now " + now + ")");
      }
      AuthorizationDecision decision = authorizer.authorize(manifest.ref(), authorization);
      if (decision == null) {
        throw new NullPointerException("the authorizer returned no decision");
      }
      if (!decision.granted()) {
        throw refuse(
            snapshot, authorization, Reason.UNAUTHORIZED,
            "restore of snapshot '" + snapshot.id() + "' of scope '" + snapshot.scope()
                + "' by '" + principal + "' refused: " + decision.reason());
      }
      String damage = damageOf(snapshot, manifest);
      if (damage != null) {
        throw refuse(
            snapshot, authorization, Reason.TAMPERED,
            "snapshot '" + snapshot.id() + "' of scope '" + snapshot.scope()
                + "' cannot be trusted: " + damage);
      }
      audit.restoreStarted(manifest.ref(), authorization, decision);
      listener.onRestoreStarted(manifest.ref(), principal, decision.reason());
      String actual;
      try (InputStream in = new ChunkStreams.Reader(backend, manifest)) {
        scope.restore(in);
        actual = scope.digest();
      } catch (IOException | UncheckedIOException e) {
        throw new SnapshotException(
            "restore of snapshot '" + snapshot.id() + "' into scope '" + name + "' failed: "
                + e.getMessage() + "; the scope may be partly restored, and restoring again"
                + " completes it once the cause is removed",
            e);
      }
      if (!snapshot.contentDigest().equals(actual)) {
        audit.failed(manifest.ref(), authorization, actual);
        listener.onRestoreFailed(manifest.ref(), principal, actual);
        throw new RestoreVerificationException(
            snapshot.id(), name, snapshot.contentDigest(), actual);
      }
      RestoreReport report =
          new RestoreReport(manifest.ref(), principal, decision.reason(), now, clock.instant());
      audit.restored(report, authorization, decision);
      listener.onRestored(report);
      return report;
    } finally {
      chunkLock.readLock().unlock();
    }
  }

  @Override
  public Optional<String> damage(SnapshotRef snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    chunkLock.readLock().lock();
    try {
      ensureOpen();
      Manifest m = heldManifest(snapshot.id());
      return Optional.ofNullable(
          m == null ? "the store holds no snapshot '" + snapshot.id() + "'" : damageOf(snapshot, m));
    } finally {
      chunkLock.readLock().unlock();
    }
  }

  /** Null if the held manifest and every chunk match the reference, else what is wrong. */
  private String damageOf(SnapshotRef expected, Manifest m) {
    if (m.damage() != null) {
      return m.damage();
    }
    SnapshotRef stored = m.ref();
    if (!stored.equals(expected)) {
      return "the stored snapshot differs from the reference (stored content digest "
          + stored.contentDigest() + ", archive digest " + stored.archiveDigest()
          + "; reference content digest " + expected.contentDigest() + ", archive digest "
          + expected.archiveDigest() + ")";
    }
    try {
      for (int i = 0; i < m.chunks().size(); i++) {
        String h = m.chunks().get(i);
        byte[] data = backend.readChunk(h);
        if (data == null) {
          return "chunk " + i + " (" + h + ") is missing";
        }
        String actual = ChunkStreams.hash(data, data.length);
        if (!actual.equals(h)) {
          return "chunk " + i + " is altered (expected hash " + h + ", found " + actual + ")";
        }
      }
    } catch (IOException e) {
      return "its chunks cannot be read: " + IoErrors.describe(e);
    }
    return null;
  }

  @Override
  public Optional<SnapshotRef> find(String id) {
    Objects.requireNonNull(id, "id");
    Manifest m = heldManifest(id);
    return m == null ? Optional.empty() : Optional.of(m.ref());
  }

  @Override
  public List<SnapshotRef> list() {
    synchronized (held) {
      return held.values().stream().map(Manifest::ref).toList();
    }
  }

  @Override
  public List<SnapshotRef> releaseExpired() {
    chunkLock.writeLock().lock();
    try {
      ensureOpen();
      Instant now = clock.instant();
      List<SnapshotRef> released = new ArrayList<>();
      List<Manifest> expired;
      synchronized (held) {
        expired =
            held.values().stream()
                .filter(m -> !now.isBefore(m.ref().metadata().expiresAt()))
                .toList();
      }
      for (Manifest m : expired) {
        List<Manifest> remaining;
        synchronized (held) {
          held.remove(m.ref().id());
          remaining = List.copyOf(held.values());
        }
        try {
          backend.release(m, remaining);
        } catch (IOException e) {
          throw new SnapshotException(
              "cannot release snapshot '" + m.ref().id() + "' of scope '" + m.ref().scope()
                  + "': " + e.getMessage(),
              e);
        }
        released.add(m.ref());
        audit.released(m.ref(), now);
        listener.onReleased(m.ref(), now);
      }
      return List.copyOf(released);
    } finally {
      chunkLock.writeLock().unlock();
    }
  }

  @Override
  public AuditLog auditLog() {
    return auditLog;
  }

  @Override
  public void close() {
    chunkLock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        try {
          if (ownsAuditLog) {
            auditLog.close();
          }
        } finally {
          backend.close();
        }
      }
    } catch (IOException e) {
      throw new SnapshotException("cannot close snapshot store " + backend + ": " + IoErrors.describe(e),
          e);
    } finally {
      chunkLock.writeLock().unlock();
    }
  }

  private RestoreRefusedException refuse(
      SnapshotRef ref, Authorization authorization, Reason reason, String detail) {
    RestoreRefusal r =
        new RestoreRefusal(
            ref.id(), ref.scope(), authorization.principal(), clock.instant(), reason, detail);
    audit.refused(r, authorization);
    listener.onRestoreRefused(r);
    switch (reason) {
      case UNAUTHORIZED:
        return new RestoreUnauthorizedException(r);
      case WINDOW_CLOSED:
        return new RollbackWindowClosedException(r);
      case TAMPERED:
        return new SnapshotTamperedException(r);
      case UNKNOWN_SNAPSHOT:
        return new SnapshotNotFoundException(r);
      default:
        return new ScopeMismatchException(r);
    }
  }

  private Manifest heldManifest(String id) {
    synchronized (held) {
      return held.get(id);
    }
  }

  private String newId() {
    byte[] b = new byte[10];
    synchronized (random) {
      random.nextBytes(b);
    }
    return "s-" + HexFormat.of().formatHex(b);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the snapshot store " + backend + " is closed");
    }
  }

  private static String scopeName(SnapshotScope scope) {
    return Checks.notBlank(scope.name(), "scope name");
  }

  private void closeQuietly() {
    if (ownsAuditLog) {
      try {
        auditLog.close();
      } catch (RuntimeException ignored) {
        // already failing to open; the original error is what matters
      }
    }
    try {
      backend.close();
    } catch (IOException ignored) {
      // already failing to open; the original error is what matters
    }
  }
}
