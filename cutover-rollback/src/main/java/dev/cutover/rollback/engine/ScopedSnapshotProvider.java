package dev.cutover.rollback.engine;

import dev.cutover.engine.spi.RestoreResult;
import dev.cutover.engine.spi.SnapshotProvider;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.RestoreReport;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotException;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.spi.SnapshotScope;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An engine {@link SnapshotProvider} over a {@link SnapshotStore}, with scopes known by name: a
 * task declares {@code Undo.restore(provider, "accounts")} and the engine snapshots the scope
 * registered as {@code accounts} before the task runs.
 *
 * <p>{@link #take} stores a snapshot and returns its id and content digest. {@link #restore}
 * checks that the snapshot still carries the digest the engine logged, restores it through the
 * store (which refuses an unauthorised, expired or damaged snapshot, and checks the result), then
 * recomputes the scope's digest from the restored content and returns it, so the engine's own
 * comparison rests on a fresh reading. Restoring twice leaves the same content as restoring once.
 *
 * <p>Every restore the engine asks for is logged in the engine's own audit log: {@link
 * #restoreWithEvidence} reports who restored (the principal), why (the authorization's reason,
 * by default the undo of the task in this cutover), why the store allowed it, the snapshot and its
 * verified digest, and the engine writes this into {@code task.undo.completed} under {@code
 * restore}. A refused restore fails the undo, and the engine logs the refusal's explanation in
 * {@code task.undo.failed}.
 *
 * <p>Immutable and thread-safe if the store and scopes are.
 */
public final class ScopedSnapshotProvider implements SnapshotProvider {
  private final SnapshotStore store;
  private final Map<String, SnapshotScope> scopes;
  private final String principal;
  private final String cutoverId;
  private final Function<UndoSnapshot, Authorization> authorization;

  private ScopedSnapshotProvider(Builder b) {
    this.store = b.store;
    this.scopes = Collections.unmodifiableMap(new LinkedHashMap<>(b.scopes));
    this.principal = b.principal;
    this.cutoverId = b.cutoverId;
    String p = b.principal;
    String c = b.cutoverId;
    this.authorization =
        b.authorization != null
            ? b.authorization
            : snap ->
                Authorization.of(
                    p, "rollback of cutover '" + c + "': undo by restoring scope '" + snap.scope() + "'");
  }

  /**
   * Returns a new builder; the store, at least one scope and the cutover id are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the scopes by name, in the order they were added.
   *
   * @return an unmodifiable map
   */
  public Map<String, SnapshotScope> scopes() {
    return scopes;
  }

  /**
   * The names of the scopes marked production ({@link SnapshotScope#production()}), in the order
   * they were added: restoring them needs a quorum of signed approvals, and a rollback drill
   * refuses to run on them unless told otherwise.
   *
   * @return an immutable list, empty if no scope is marked production
   */
  public List<String> productionScopes() {
    return scopes.entrySet().stream().filter(e -> e.getValue().production()).map(Map.Entry::getKey).toList();
  }

  /**
   * Captures a named scope as a new snapshot in the store.
   *
   * @param scope the scope's name
   * @return the snapshot: the store's id, the scope name and the content digest
   * @throws IllegalArgumentException if no scope has that name
   * @throws dev.cutover.rollback.SnapshotException if the snapshot cannot be taken
   */
  @Override
  public UndoSnapshot take(String scope) {
    SnapshotScope s = scope(scope);
    SnapshotRef ref = store.snapshot(s, SnapshotContext.of(principal, cutoverId, scope));
    return new UndoSnapshot(ref.id(), scope, ref.contentDigest());
  }

  /**
   * Restores a snapshot this provider took into its scope and returns the scope's digest,
   * recomputed from the restored content.
   *
   * @param snapshot the snapshot, as the engine logged it
   * @return the content digest after the restore
   * @throws IllegalArgumentException if the snapshot's scope is not a scope of this provider
   * @throws SnapshotException if the store no longer has the snapshot, its digest differs from
   *     the logged one, or the store refuses the restore or its check of the restored content fails
   * @throws IOException if the scope cannot be read after the restore
   */
  @Override
  public String restore(UndoSnapshot snapshot) throws IOException {
    return restoreWithEvidence(snapshot).digest();
  }

  /**
   * Restores a snapshot like {@link #restore}, and reports for the engine's log who restored it,
   * why, why the store allowed it, and what was verified: {@code principal}, {@code reason},
   * {@code authorization}, {@code approvals} (how many signed approvals were presented), {@code
   * snapshot}, {@code scope} (the store's scope name), {@code content_digest}, {@code
   * archive_digest}, {@code production}, {@code started} and {@code finished} (the store's clock).
   *
   * @param snapshot the snapshot, as the engine logged it
   * @return the digest recomputed after the restore, and the evidence
   * @throws IllegalArgumentException if the snapshot's scope is not a scope of this provider
   * @throws SnapshotException if the store no longer has the snapshot, its digest differs from
   *     the logged one, or the store refuses the restore or its check of the restored content fails
   * @throws IOException if the scope cannot be read after the restore
   */
  @Override
  public RestoreResult restoreWithEvidence(UndoSnapshot snapshot) throws IOException {
    Objects.requireNonNull(snapshot, "snapshot");
    SnapshotScope s = scope(snapshot.scope());
    SnapshotRef ref =
        store
            .find(snapshot.ref())
            .orElseThrow(
                () ->
                    new SnapshotException(
                        "snapshot '" + snapshot.ref() + "' of scope '" + snapshot.scope()
                            + "' is not in the store, so it cannot be restored"));
    if (!ref.contentDigest().equals(snapshot.digest())) {
      throw new SnapshotException(
          "snapshot '" + snapshot.ref() + "' of scope '" + snapshot.scope() + "' has content digest "
              + ref.contentDigest() + " in the store, but the engine logged " + snapshot.digest());
    }
    Authorization auth =
        Objects.requireNonNull(
            authorization.apply(snapshot), "the authorization for scope '" + snapshot.scope() + "'");
    RestoreReport report = store.restore(ref, s, auth);
    String digest = s.digest();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("principal", report.principal());
    evidence.put("reason", auth.reason());
    evidence.put("authorization", report.authorization());
    evidence.put("approvals", auth.approvals().size());
    evidence.put("snapshot", ref.id());
    evidence.put("scope", ref.scope());
    evidence.put("content_digest", ref.contentDigest());
    evidence.put("archive_digest", ref.archiveDigest());
    evidence.put("production", ref.metadata().production());
    evidence.put("started", report.startedAt().toString());
    evidence.put("finished", report.finishedAt().toString());
    return new RestoreResult(digest, evidence);
  }

  private SnapshotScope scope(String name) {
    Objects.requireNonNull(name, "scope");
    SnapshotScope s = scopes.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "no snapshot scope named '" + name + "' (known: " + String.join(", ", scopes.keySet()) + ")");
    }
    return s;
  }

  @Override
  public String toString() {
    return "ScopedSnapshotProvider" + scopes.keySet();
  }

  /**
   * Builds a {@link ScopedSnapshotProvider}. Every setter checks its argument (null: {@link
   * NullPointerException}; bad value: {@link IllegalArgumentException}; set twice or a duplicate
   * scope name: {@link IllegalStateException}). Not thread-safe.
   */
  public static final class Builder {
    private SnapshotStore store;
    private final Map<String, SnapshotScope> scopes = new LinkedHashMap<>();
    private String principal = "cutover-engine";
    private boolean principalSet;
    private String cutoverId;
    private Function<UndoSnapshot, Authorization> authorization;

    private Builder() {}

    /**
     * Sets the store the snapshots go to (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(SnapshotStore store) {
      Objects.requireNonNull(store, "store");
      if (this.store != null) {
        throw new IllegalStateException("store is already set");
      }
      this.store = store;
      return this;
    }

    /**
     * Registers a scope under a name.
     *
     * @param name the name tasks use in {@code Undo.restore(provider, name)}, not blank
     * @param scope the scope
     * @return this builder
     */
    public Builder scope(String name, SnapshotScope scope) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scope, "scope");
      if (name.isBlank()) {
        throw new IllegalArgumentException("scope name must not be blank");
      }
      if (scopes.containsKey(name)) {
        throw new IllegalStateException("scope '" + name + "' is already registered");
      }
      scopes.put(name, scope);
      return this;
    }

    /**
     * Sets who takes and restores snapshots, as the store's authorizer sees it (default {@code
     * cutover-engine}).
     *
     * @param principal not blank
     * @return this builder
     */
    public Builder principal(String principal) {
      Objects.requireNonNull(principal, "principal");
      if (principal.isBlank()) {
        throw new IllegalArgumentException("principal must not be blank");
      }
      if (principalSet) {
        throw new IllegalStateException("principal is already set to '" + this.principal + "'");
      }
      this.principal = principal;
      principalSet = true;
      return this;
    }

    /**
     * Sets the cutover the snapshots belong to (required).
     *
     * @param cutoverId not blank
     * @return this builder
     */
    public Builder cutoverId(String cutoverId) {
      Objects.requireNonNull(cutoverId, "cutoverId");
      if (cutoverId.isBlank()) {
        throw new IllegalArgumentException("cutoverId must not be blank");
      }
      if (this.cutoverId != null) {
        throw new IllegalStateException("cutoverId is already set to '" + this.cutoverId + "'");
      }
      this.cutoverId = cutoverId;
      return this;
    }

    /**
     * Sets the authorization presented on every restore (default: the principal, with the undo of
     * the scope in this cutover as the reason, without approvals).
     *
     * @param authorization the authorization
     * @return this builder
     */
    public Builder authorization(Authorization authorization) {
      Objects.requireNonNull(authorization, "authorization");
      return authorization(snapshot -> authorization);
    }

    /**
     * Sets how the authorization presented on a restore is found when the engine asks for it, for
     * example to present signed approvals of a production scope's restore that were gathered after
     * the run started (approvals bind to a state of the log, so they are signed late).
     *
     * @param authorization gives the authorization for a snapshot about to be restored
     * @return this builder
     */
    public Builder authorization(Function<UndoSnapshot, Authorization> authorization) {
      Objects.requireNonNull(authorization, "authorization");
      if (this.authorization != null) {
        throw new IllegalStateException("authorization is already set");
      }
      this.authorization = authorization;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return the provider
     * @throws IllegalStateException if the store, the cutover id or every scope is missing
     */
    public ScopedSnapshotProvider build() {
      if (store == null) {
        throw new IllegalStateException("store is required");
      }
      if (cutoverId == null) {
        throw new IllegalStateException("cutoverId is required");
      }
      if (scopes.isEmpty()) {
        throw new IllegalStateException("at least one scope is required");
      }
      return new ScopedSnapshotProvider(this);
    }
  }
}
