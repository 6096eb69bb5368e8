package dev.cutover.cli.demo;

import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.DatabaseUnavailableException;
import dev.cutover.rollback.jdbc.TableScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The demo's embedded H2 database in {@code DIR/db}: the "production" banking schema (accounts,
 * transfers), seeded once from a fixed random seed, and the demo's own bookkeeping tables.
 *
 * <p>{@code demo_effects} gets one row from every application of a task's effect, written in the
 * same transaction as the effect (one row per chunk for chunked data movement), so the number of
 * times an effect was applied is measured from the database, not assumed. Not thread-safe as an
 * object, but every method uses its own connection.
 */
final class DemoDatabase implements AutoCloseable {
  static final int ACCOUNTS = 240;
  static final int TRANSFERS = 3000;
  private static final long SEED = 20261121L;
  /** H2's error code when another process holds the database file ({@code ErrorCode.DATABASE_ALREADY_OPEN_1}). */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  private final ConnectionFactory connections;
  /** Keeps the embedded database open for the whole run, so every connection is cheap. */
  private final Connection keeper;

  private DemoDatabase(String url) {
    this.connections = ConnectionFactory.of(url, "sa", "");
    this.keeper = connections.connect();
  }

  /**
   * Opens (and on first use creates and seeds) the database in {@code dir/db}.
   *
   * @param dir the demo directory
   * @return the database
   * @throws IllegalStateException if another process has the database open (H2 locks its file)
   * @throws DatabaseUnavailableException if H2 cannot open it for another reason
   * @throws IOException if {@code dir/db} cannot be created
   * @throws SQLException if H2 refuses to set it up
   */
  static DemoDatabase open(Path dir) throws IOException, SQLException {
    // created here, not by H2, which would print its failure with a stack trace to standard error
    Files.createDirectories(dir.resolve("db"));
    // WRITE_DELAY=0: a committed transaction reaches the file at once, so a kill -9 right after a
    // commit (and after the log recorded it) cannot lose it.
    Path file = dir.resolve("db").resolve("bank").toAbsolutePath();
    String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0";
    DemoDatabase db;
    try {
      db = new DemoDatabase(url);
    } catch (DatabaseUnavailableException e) {
      if (e.getCause() instanceof SQLException s && s.getErrorCode() == DATABASE_ALREADY_OPEN) {
        throw new IllegalStateException("demo directory " + dir + " is in use by another process: its database "
            + file + ".mv.db is locked; wait for that process to finish, or use another --dir", e);
      }
      throw e;
    }
    try {
      db.setUp();
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** Where the steps connect. */
  ConnectionFactory connections() {
    return connections;
  }

  private void setUp() throws SQLException {
    try (Connection c = connections.open(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS demo_meta (name VARCHAR(40) PRIMARY KEY, val VARCHAR(200) NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS demo_effects (task VARCHAR(60) NOT NULL, part BIGINT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS accounts (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
          + " balance_cents BIGINT NOT NULL, status VARCHAR(12) NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS transfers (id BIGINT PRIMARY KEY, from_account BIGINT NOT NULL,"
          + " to_account BIGINT NOT NULL, amount_cents BIGINT NOT NULL, booked_at VARCHAR(24) NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS demo_control (id INT PRIMARY KEY, active_schema VARCHAR(8) NOT NULL)");
      if (meta(c, "seeded") == null) {
        // the seed rows, the control row and the seeded mark commit together: all or nothing
        c.setAutoCommit(false);
        s.execute("DELETE FROM accounts");
        s.execute("DELETE FROM transfers");
        s.execute("DELETE FROM demo_control");
        seed(c);
        s.execute("INSERT INTO demo_control VALUES (1, 'v1')");
        setMeta(c, "seeded", "yes");
        c.commit();
        c.setAutoCommit(true);
      }
    }
    // recorded once, before any cutover ran (open returns only after this)
    setMeta("original_accounts_digest", accountsDigest());
  }

  private static void seed(Connection c) throws SQLException {
    Random random = new Random(SEED);
    String[] names = {"ada", "bob", "cyd", "dee", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lee"};
    long[] balance = new long[ACCOUNTS + 1];
    try (PreparedStatement t = c.prepareStatement("INSERT INTO transfers VALUES (?,?,?,?,?)")) {
      for (int i = 1; i <= ACCOUNTS; i++) {
        balance[i] = 50_000 + random.nextInt(500_000);
      }
      for (int i = 1; i <= TRANSFERS; i++) {
        int from = 1 + random.nextInt(ACCOUNTS);
        int to = 1 + random.nextInt(ACCOUNTS);
        long amount = 100 + random.nextInt(20_000);
        t.setLong(1, i);
        t.setLong(2, from);
        t.setLong(3, to);
        t.setLong(4, amount);
        t.setString(5, String.format(java.util.Locale.ROOT, "2026-11-%02dT%02d:%02d:00Z",
            1 + i * 20 / TRANSFERS, random.nextInt(24), random.nextInt(60)));
        t.addBatch();
      }
      t.executeBatch();
    }
    try (PreparedStatement a = c.prepareStatement("INSERT INTO accounts VALUES (?,?,?,'ACTIVE')")) {
      for (int i = 1; i <= ACCOUNTS; i++) {
        a.setLong(1, i);
        a.setString(2, names[i % names.length] + "-" + i);
        a.setLong(3, balance[i]);
        a.addBatch();
      }
      a.executeBatch();
    }
  }

  /** A scope over the given tables, for snapshots. */
  TableScope scope(String name, String... tables) {
    TableScope.Builder b = TableScope.builder(connections::open).name(name);
    for (String t : tables) {
      b.table(t);
    }
    return b.build();
  }

  /**
   * The content digest of the accounts table (the rollback module's table digest).
   *
   * @return lower-case hex
   */
  String accountsDigest() {
    try {
      return scope("accounts", "accounts").digest();
    } catch (IOException e) {
      throw new IllegalStateException("cannot digest table accounts: " + e.getMessage(), e);
    }
  }

  /**
   * The digest of accounts recorded when the database was seeded.
   *
   * @return lower-case hex
   */
  String originalAccountsDigest() {
    try (Connection c = connections.open()) {
      return meta(c, "original_accounts_digest");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read demo_meta: " + e.getMessage(), e);
    }
  }

  /**
   * How many times each task's effect has been applied, measured from {@code demo_effects}: for
   * each task the largest number of rows of any one of its parts (a chunk applied twice shows 2).
   *
   * @return task id to count, for tasks applied at least once
   */
  Map<String, Long> appliedCounts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (Connection c = connections.open(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT task, MAX(n) FROM (SELECT task, part, COUNT(*) n"
            + " FROM demo_effects GROUP BY task, part) GROUP BY task")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read demo_effects: " + e.getMessage(), e);
    }
    return out;
  }

  /** Records one application of a task's effect (a part, e.g. a chunk) in the caller's transaction. */
  static void recordEffect(Connection c, String task, long part) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO demo_effects VALUES (?, ?)")) {
      p.setString(1, task);
      p.setLong(2, part);
      p.executeUpdate();
    }
  }

  static boolean hasEffect(Connection c, String task) throws SQLException {
    return queryLong(c, "SELECT COUNT(*) FROM demo_effects WHERE task = '" + task + "'") > 0;
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from " + sql);
      }
      return rs.getLong(1);
    }
  }

  /** A few figures for the summary and the gate: sums and counts of old and new tables. */
  Map<String, Long> figures() {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = connections.open()) {
      out.put("accounts", queryLong(c, "SELECT COUNT(*) FROM accounts"));
      out.put("total_cents", queryLong(c, "SELECT COALESCE(SUM(balance_cents), 0) FROM accounts"));
      out.put("transfers", queryLong(c, "SELECT COUNT(*) FROM transfers"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the bank tables: " + e.getMessage(), e);
    }
    return out;
  }

  private static String meta(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT val FROM demo_meta WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void setMeta(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("MERGE INTO demo_meta KEY (name) VALUES (?, ?)")) {
      p.setString(1, name);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  private void setMeta(String name, String value) throws SQLException {
    try (Connection c = connections.open()) {
      if (meta(c, name) == null) {
        setMeta(c, name, value);
      }
    }
  }

  @Override
  public void close() {
    try {
      keeper.close();
    } catch (SQLException e) {
      // closing the last connection of an embedded database only flushes it; nothing to report
    }
  }
}
