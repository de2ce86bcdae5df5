package org.runlab.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one datasource class Payara pools for Runlab: PostgreSQL or embedded H2, chosen by the URL in
 * {@code runlab.db.url}. It exists because a {@code @DataSourceDefinition} fixes its class name,
 * while the database is a configuration choice.
 */
public class RunlabDataSource implements DataSource {
  private String url;
  private String user;
  private String password;
  private int loginTimeout;
  private volatile DataSource delegate;

  public void setUrl(String url) {
    this.url = url;
  }

  public String getUrl() {
    return url;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getUser() {
    return user;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getPassword() {
    return password;
  }

  private DataSource delegate() throws SQLException {
    DataSource ds = delegate;
    if (ds == null) {
      ds = create(url, user, password);
      delegate = ds;
    }
    return ds;
  }

  static DataSource create(String url, String user, String password) throws SQLException {
    if (url == null || url.isBlank()) {
      throw new SQLException("runlab.db.url is empty: set a jdbc:postgresql: or jdbc:h2: URL");
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      pg.setUser(user);
      pg.setPassword(password);
      pg.setApplicationName("runlab");
      return pg;
    }
    if (url.startsWith("jdbc:h2:file:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user);
      h2.setPassword(password);
      return h2;
    }
    throw new SQLException(
        "runlab.db.url must start with jdbc:postgresql: or jdbc:h2:file:, got: " + url);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate().getConnection();
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    return delegate().getConnection(username, pass);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate().isWrapperFor(iface);
  }
}
