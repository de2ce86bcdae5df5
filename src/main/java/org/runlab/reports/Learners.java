package org.runlab.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** How a report or finding names a learner: their e-mail, or "visitor" and a short id. */
public final class Learners {
  private Learners() {}

  /** The name for an owner key ({@code user:<id>} or {@code anon:<id>}). */
  static String describe(Connection c, String ownerKey) throws SQLException {
    if (ownerKey != null && ownerKey.startsWith("user:")) {
      try {
        List<Object[]> rows = Sql.rows(c, "SELECT email FROM app_user WHERE id = ?",
            UUID.fromString(ownerKey.substring(5)));
        if (!rows.isEmpty()) {
          return "Learner " + rows.get(0)[0];
        }
      } catch (IllegalArgumentException notAnId) {
        // fall through to the key itself
      }
    }
    return label(ownerKey, null);
  }

  /** A learner's label: the e-mail when known, else "visitor 1a2b3c4d". */
  public static String label(String ownerKey, String email) {
    if (email != null) {
      return email;
    }
    if (ownerKey != null && ownerKey.startsWith("anon:") && ownerKey.length() >= 13) {
      return "visitor " + ownerKey.substring(5, 13);
    }
    return ownerKey;
  }
}
