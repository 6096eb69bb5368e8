package com.example.accounts;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The cutover that moves balances into the ledger: expand, check that the ledger carries every
 * cent, then contract. The plan's steps are the migrations of the same names.
 */
public final class AccountsCutover {
  private AccountsCutover() {}

  /** The gate between expand and contract. */
  public static final String LEDGER_MATCHES = "ledger-matches-balances";

  /**
   * The plan: add the currency, move balances to the ledger, check, drop the balance column.
   *
   * @return the plan
   */
  public static Plan plan() {
    return Plan.builder("accounts-ledger")
        .task(Task.builder(AccountsMigrations.ADD_CURRENCY.id()).duration(Duration.ofMinutes(2)).build())
        .task(Task.builder(AccountsMigrations.MOVE_BALANCES_TO_LEDGER.id())
            .after(AccountsMigrations.ADD_CURRENCY.id()).duration(Duration.ofMinutes(10)).build())
        .task(Task.builder(LEDGER_MATCHES).kind(TaskKind.GATE)
            .after(AccountsMigrations.MOVE_BALANCES_TO_LEDGER.id()).duration(Duration.ofMinutes(5)).build())
        .task(Task.builder(AccountsMigrations.DROP_BALANCE.id())
            .after(LEDGER_MATCHES).duration(Duration.ofMinutes(1)).build())
        .build();
  }

  /**
   * The go/no-go decision: GO when the opening ledger entries add up to the balances, to the
   * cent, for the same number of accounts.
   *
   * @param connection the accounts database
   * @param clock when the decision is made
   * @return the decision with both totals as evidence
   * @throws SQLException if the database cannot be read
   */
  public static GateResult ledgerMatches(Connection connection, Clock clock) throws SQLException {
    BigDecimal balances = total(connection, "SELECT COALESCE(SUM(balance), 0) FROM accounts");
    BigDecimal ledger = total(connection, "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE kind = 'opening'");
    long accounts = Schema.count(connection, "SELECT COUNT(*) FROM accounts");
    long entries = Schema.count(connection, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'opening'");
    boolean go = balances.compareTo(ledger) == 0 && accounts == entries;
    return new GateResult(LEDGER_MATCHES, go ? GateDecision.GO : GateDecision.NO_GO,
        go ? "ledger carries every balance" : "ledger " + ledger + " in " + entries
            + " entries, balances " + balances + " in " + accounts + " accounts",
        clock.instant(),
        Map.of("balances", balances.toPlainString(), "ledger", ledger.toPlainString(),
            "accounts", accounts, "entries", entries));
  }

  private static BigDecimal total(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBigDecimal(1);
    }
  }
}
