package dev.cutover.migration;

import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.internal.SqlScript;
import dev.cutover.migration.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A step made of SQL statements, inline or from a classpath resource, with {@code ${name}}
 * placeholders substituted when it is built.
 *
 * <p>Its checksum is the SHA-256 of the substituted text after normalisation: line endings and
 * trailing white space do not change it. It is transactional where every statement is: DDL, and
 * on MariaDB and MySQL every statement that commits implicitly ({@code GRANT}, {@code LOCK
 * TABLES}, {@code OPTIMIZE TABLE}, ...), only on PostgreSQL; statements that cannot run in a
 * transaction ({@code VACUUM}, {@code CREATE INDEX CONCURRENTLY}, {@code COMMIT}, ...) nowhere.
 * MariaDB and MySQL split the script as their command-line client does ({@link
 * #statements(Dialect)}). Whether its effect is present is answered by its {@linkplain
 * Builder#appliedWhen(String) applied-when query} if it has one, else by the ledger alone; a step
 * interrupted on a database without transactional DDL and without such a query is reported as
 * {@link UnresolvedStepException} rather than guessed. Immutable and thread-safe.
 */
public final class SqlStep implements MigrationStep {
  private final String id;
  private final String sql;
  private final Script standard;
  private final Script mysql;
  private final String checksum;
  private final String appliedWhen;
  private final boolean forceNonTransactional;
  private final MigrationStep inverse;

  private SqlStep(Builder b, String sql) {
    this.id = b.id;
    this.sql = sql;
    this.standard = new Script(SqlScript.split(sql, false));
    Script m = new Script(SqlScript.split(sql, true));
    this.mysql = m.statements.equals(standard.statements) ? standard : m;
    this.checksum = Hashing.sqlChecksum(sql);
    this.appliedWhen = b.appliedWhen;
    this.forceNonTransactional = b.nonTransactional;
    this.inverse = b.inverse;
  }

  /** The statements of the script as one dialect splits them, and what they need. */
  private static final class Script {
    final List<String> statements;
    final boolean ddl;
    final boolean autoCommit;

    Script(List<String> statements) {
      this.statements = List.copyOf(statements);
      this.ddl = statements.stream().anyMatch(SqlScript::isDdl);
      this.autoCommit = statements.stream().anyMatch(SqlScript::needsAutoCommit);
    }
  }

  private Script script(Dialect dialect) {
    return dialect == Dialect.MARIADB ? mysql : standard;
  }

  /**
   * A step from inline SQL without placeholders.
   *
   * @param id the step id
   * @param sql one or more statements separated by semicolons
   * @return the step
   */
  public static SqlStep of(String id, String sql) {
    return builder().id(id).sql(sql).build();
  }

  /** A builder; the id and the SQL (inline or a resource) are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String checksum() {
    return checksum;
  }

  /** The SQL after placeholder substitution. */
  public String sql() {
    return sql;
  }

  /**
   * The statements as H2 and PostgreSQL read the script: split at top-level semicolons, a
   * backslash escaping only in PostgreSQL's {@code E'...'} strings.
   *
   * @return the statements
   */
  public List<String> statements() {
    return standard.statements;
  }

  /**
   * The statements as {@code dialect} reads the script. MariaDB and MySQL read it as their
   * command-line client does: a backslash escapes the next character in a string, {@code #}
   * starts a comment, and a {@code DELIMITER} line changes the delimiter (for procedures and
   * triggers).
   *
   * @param dialect the database
   * @return the statements
   */
  public List<String> statements(Dialect dialect) {
    return script(Objects.requireNonNull(dialect, "dialect")).statements;
  }

  @Override
  public boolean transactionalOn(Dialect dialect) {
    Script script = script(dialect);
    return !forceNonTransactional && !script.autoCommit
        && (!script.ddl || dialect.transactionalDdl());
  }

  @Override
  public Map<String, Object> apply(MigrationContext context) throws SQLException {
    Connection c = context.connection();
    List<String> statements = script(context.dialect()).statements;
    long rows = 0;
    try (Statement s = c.createStatement()) {
      for (int i = 0; i < statements.size(); i++) {
        try {
          if (!s.execute(statements.get(i))) {
            rows += Math.max(0, s.getUpdateCount());
          }
        } catch (SQLException e) {
          throw new StatementFailure(i, statements.size(), statements.get(i), e);
        }
      }
    }
    return Evidence.of("statements", statements.size(), "rows", rows);
  }

  @Override
  public boolean isApplied(MigrationContext context) throws SQLException {
    if (appliedWhen != null) {
      try (Statement s = context.connection().createStatement();
          ResultSet rs = s.executeQuery(appliedWhen)) {
        if (!rs.next()) {
          return false;
        }
        Object v = rs.getObject(1);
        if (v instanceof Boolean) {
          return (Boolean) v;
        }
        if (v instanceof Number) {
          return ((Number) v).longValue() != 0;
        }
        return v != null;
      }
    }
    Optional<LedgerEntry> e = context.ledgerEntry();
    if (e.isEmpty()) {
      return false;
    }
    if (e.get().state() == LedgerState.APPLIED) {
      return true;
    }
    throw new UnresolvedStepException(id, e.get().state(), e.get().detail());
  }

  @Override
  public Optional<MigrationStep> inverse() {
    return Optional.ofNullable(inverse);
  }

  @Override
  public String toString() {
    return "SqlStep[" + id + ", " + standard.statements.size() + " statement(s), " + checksum
        + "]";
  }

  /** A statement of a SQL step failed; carries how many statements ran before it. */
  static final class StatementFailure extends SQLException {
    private static final long serialVersionUID = 1L;
    private final int committed;
    private final int total;
    private final String statement;

    StatementFailure(int committed, int total, String statement, SQLException cause) {
      super("statement " + (committed + 1) + " of " + total + " failed: " + cause.getMessage(),
          cause.getSQLState(), cause.getErrorCode(), cause);
      this.committed = committed;
      this.total = total;
      this.statement = statement;
    }

    int committed() {
      return committed;
    }

    int total() {
      return total;
    }

    String statement() {
      return statement;
    }
  }

  /** Builds a {@link SqlStep}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String inlineSql;
    private String resource;
    private ClassLoader loader;
    private final Map<String, String> placeholders = new TreeMap<>();
    private String appliedWhen;
    private boolean nonTransactional;
    private boolean nonTransactionalSet;
    private MigrationStep inverse;

    private Builder() {}

    /**
     * Sets the step id (required).
     *
     * @param id not blank, at most 200 characters
     * @return this builder
     */
    public Builder id(String id) {
      if (this.id != null) {
        throw new IllegalStateException("id is already set to '" + this.id + "'");
      }
      this.id = checkId(id);
      return this;
    }

    /**
     * Sets inline SQL (this or {@link #resource(String)} is required).
     *
     * @param sql one or more statements separated by semicolons
     * @return this builder
     */
    public Builder sql(String sql) {
      Objects.requireNonNull(sql, "sql");
      if (inlineSql != null || resource != null) {
        throw new IllegalStateException("sql or resource is already set");
      }
      if (sql.isBlank()) {
        throw new IllegalArgumentException("sql must not be blank");
      }
      this.inlineSql = sql;
      return this;
    }

    /**
     * Reads the SQL from a classpath resource (UTF-8) of the thread's context class loader.
     *
     * @param path e.g. {@code db/migration/V1__accounts.sql}
     * @return this builder
     */
    public Builder resource(String path) {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      return resource(path, cl != null ? cl : SqlStep.class.getClassLoader());
    }

    /**
     * Reads the SQL from a classpath resource (UTF-8) of the given class loader.
     *
     * @param path the resource path
     * @param loader the class loader
     * @return this builder
     */
    public Builder resource(String path, ClassLoader loader) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(loader, "loader");
      if (inlineSql != null || resource != null) {
        throw new IllegalStateException("sql or resource is already set");
      }
      this.resource = path.startsWith("/") ? path.substring(1) : path;
      this.loader = loader;
      return this;
    }

    /**
     * Sets a placeholder value; {@code ${name}} in the SQL is replaced with it.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder placeholder(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (placeholders.putIfAbsent(name, value) != null) {
        throw new IllegalStateException("placeholder '" + name + "' is already set");
      }
      return this;
    }

    /**
     * Sets all placeholder values.
     *
     * @param values name to value
     * @return this builder
     */
    public Builder placeholders(Map<String, String> values) {
      Objects.requireNonNull(values, "values");
      values.forEach(this::placeholder);
      return this;
    }

    /**
     * Sets the query that tells whether the effect is present: the effect is present when it
     * returns a row whose first column is true, non-zero or another non-null value.
     *
     * @param query e.g. {@code SELECT 1 FROM information_schema.tables WHERE table_name = 'x'}
     * @return this builder
     */
    public Builder appliedWhen(String query) {
      Objects.requireNonNull(query, "query");
      if (appliedWhen != null) {
        throw new IllegalStateException("appliedWhen is already set");
      }
      if (query.isBlank()) {
        throw new IllegalArgumentException("appliedWhen query must not be blank");
      }
      this.appliedWhen = query;
      return this;
    }

    /**
     * Marks the step as non-transactional everywhere. Statements known to need it ({@code
     * VACUUM}, {@code CREATE INDEX CONCURRENTLY}, ...) mark the step by themselves; this is for
     * the others.
     *
     * @param nonTransactional true to run it outside any transaction
     * @return this builder
     */
    public Builder nonTransactional(boolean nonTransactional) {
      MigrationContext.Builder.once(nonTransactionalSet, "nonTransactional");
      this.nonTransactional = nonTransactional;
      nonTransactionalSet = true;
      return this;
    }

    /**
     * Sets the step that undoes this one.
     *
     * @param inverse the inverse
     * @return this builder
     */
    public Builder inverse(MigrationStep inverse) {
      if (this.inverse != null) {
        throw new IllegalStateException("inverse is already set");
      }
      this.inverse = Objects.requireNonNull(inverse, "inverse");
      return this;
    }

    /**
     * Builds the step: reads the resource, substitutes placeholders, splits the statements.
     *
     * @return the step
     * @throws IllegalStateException if the id or the SQL is missing
     * @throws IllegalArgumentException if the resource is missing, a placeholder has no value, or
     *     the SQL has no statement
     */
    public SqlStep build() {
      if (id == null) {
        throw new IllegalStateException("id is required");
      }
      String text = inlineSql;
      String where = "step '" + id + "'";
      if (text == null) {
        if (resource == null) {
          throw new IllegalStateException(where + ": sql or resource is required");
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalArgumentException(
                where + ": classpath resource '" + resource + "' not found");
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              where + ": cannot read classpath resource '" + resource + "': " + e.getMessage(), e);
        }
        where = where + " (" + resource + ")";
      }
      String sql = SqlScript.substitute(text, placeholders, where);
      if (SqlScript.split(sql).isEmpty()) {
        throw new IllegalArgumentException(where + " has no sql statement");
      }
      return new SqlStep(this, sql);
    }

    static String checkId(String id) {
      return Keys.check("id", "step id", id);
    }
  }
}
