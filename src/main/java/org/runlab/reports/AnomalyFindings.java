package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;

/**
 * The anomaly scans' findings: listed by kind and state, with the runs that show them, and
 * acknowledged or resolved with a note; every change is audited (who, when, from, to, why).
 */
@ApplicationScoped
public class AnomalyFindings {
  /** The states a finding may be put in. */
  public static final List<String> STATES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED");
  private static final String ANOMALY = "SELECT a.id, a.kind, a.subject, a.severity, a.evidence, a.found_day,"
      + " a.first_seen, a.last_seen, a.scan_id, a.state, a.alerted_at, a.state_note, a.state_changed_by,"
      + " a.state_changed_at, (SELECT COUNT(*) FROM anomaly_run r WHERE r.anomaly_id = a.id) FROM anomaly a";
  private static final String SCAN = "SELECT id, job_instance_id, execution_id, period_from, period_to, state,"
      + " requested_by, created_at, completed_at, findings, new_findings FROM anomaly_scan";

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  /** Findings, newest first, of one kind and state when given (null: any). */
  public List<Anomaly> list(AnomalyKind kind, String state, int max) {
    StringBuilder sql = new StringBuilder(ANOMALY + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (kind != null) {
      sql.append(" AND a.kind = ?");
      params.add(kind.name());
    }
    if (state != null) {
      sql.append(" AND a.state = ?");
      params.add(state);
    }
    sql.append(" ORDER BY a.last_seen DESC, a.id DESC FETCH FIRST ").append(Math.max(1, max)).append(" ROWS ONLY");
    return anomalies(sql.toString(), params.toArray());
  }

  public Optional<Anomaly> find(long id) {
    List<Anomaly> a = anomalies(ANOMALY + " WHERE a.id = ?", id);
    return a.isEmpty() ? Optional.empty() : Optional.of(a.get(0));
  }

  /** The findings a scan saw first. */
  public List<Anomaly> ofScan(long scan) {
    return anomalies(ANOMALY + " WHERE a.scan_id = ? ORDER BY a.id", scan);
  }

  /** How many findings are open now. */
  public long openCount() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM anomaly WHERE state = 'OPEN'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count findings", e);
    }
  }

  /** The runs that show a finding, as the ledger has them. */
  public List<AnomalyRun> runs(long anomaly) {
    List<AnomalyRun> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = Sql.bind(c, "SELECT r.id, r.created_at, r.owner_key, u.email, r.tier, r.engine,"
            + " r.lesson_slug, r.verdict, r.wall_time_ms, r.cpu_time_ms, r.output_bytes, r.cost_usd, r.client_address"
            + " FROM anomaly_run ar JOIN run_record r ON r.id = ar.run_id LEFT JOIN app_user u ON u.id = r.user_id"
            + " WHERE ar.anomaly_id = ? ORDER BY r.created_at, r.id", anomaly);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new AnomalyRun(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
            Learners.label(rs.getString(3), rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getBigDecimal(12), rs.getString(13)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the runs of finding " + anomaly, e);
    }
    return out;
  }

  /**
   * Puts a finding in {@code state} (ACKNOWLEDGED, RESOLVED, or OPEN again) with a note saying why,
   * and audits the change; both in one transaction.
   */
  public Anomaly changeState(long id, String state, String note, String by) {
    String next = state == null ? "" : state.trim().toUpperCase(Locale.ROOT);
    if (!STATES.contains(next)) {
      throw InvalidInputException.invalid("state", "A finding can be " + String.join(", ", STATES) + ", not '"
          + state + "'.");
    }
    String why = note == null ? "" : note.strip();
    if (why.isEmpty()) {
      throw InvalidInputException.invalid("note", "Say in a note why (what was done, or why it is fine).");
    }
    if (why.length() > 1000) {
      throw InvalidInputException.invalid("note", "A note has at most 1000 characters.");
    }
    Anomaly before = find(id).orElseThrow(() -> new NotFoundException("No such finding", "There is no finding " + id + "."));
    if (before.state().equals(next)) {
      throw new ConflictException("Nothing to change", "Finding " + id + " is " + next + " already.");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement upd = Sql.bind(c, "UPDATE anomaly SET state = ?, state_note = ?, state_changed_by = ?,"
              + " state_changed_at = ? WHERE id = ? AND state = ?", next, why, by, now, id, before.state());
          PreparedStatement audit = Sql.bind(c, "INSERT INTO anomaly_audit (anomaly_id, changed_by, changed_at,"
              + " old_state, new_state, note) VALUES (?, ?, ?, ?, ?, ?)", id, by, now, before.state(), next, why)) {
        if (upd.executeUpdate() != 1) {
          c.rollback();
          throw new ConflictException("Changed meanwhile", "Finding " + id + " was changed by someone else; look again.");
        }
        audit.executeUpdate();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot change finding " + id, e);
    }
    return find(id).orElseThrow();
  }

  /** A finding's audit trail, newest first: who, when, from, to, note. */
  public List<String[]> audit(long id) {
    List<String[]> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = Sql.bind(c, "SELECT changed_by, changed_at, old_state, new_state, note FROM anomaly_audit"
            + " WHERE anomaly_id = ? ORDER BY id DESC", id);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant().toString(),
            rs.getString(3), rs.getString(4), rs.getString(5)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the audit of finding " + id, e);
    }
    return out;
  }

  public Optional<AnomalyScan> scanOfJobInstance(long jobInstance) {
    List<AnomalyScan> s = scans(SCAN + " WHERE job_instance_id = ?", jobInstance);
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
  }

  public List<AnomalyScan> recentScans(int max) {
    return scans(SCAN + " ORDER BY id DESC FETCH FIRST " + Math.max(1, max) + " ROWS ONLY");
  }

  private List<AnomalyScan> scans(String sql, Object... params) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = Sql.bind(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<AnomalyScan> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new AnomalyScan(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDate(4).toLocalDate(),
            rs.getDate(5).toLocalDate(), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9),
            rs.getLong(10), rs.getLong(11)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read anomaly scans", e);
    }
  }

  private List<Anomaly> anomalies(String sql, Object... params) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = Sql.bind(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<Anomaly> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Anomaly(rs.getLong(1), AnomalyKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getDate(6).toLocalDate(), instant(rs, 7), instant(rs, 8), rs.getLong(9),
            rs.getString(10), instant(rs, 11), rs.getString(12), rs.getString(13), instant(rs, 14), rs.getInt(15)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read findings", e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
