package org.runlab.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.runlab.account.AccountService;
import org.runlab.account.Role;
import org.runlab.account.User;

/** Who is looking at the page: signed in or not, their name and roles, and sign-out. */
@Named
@RequestScoped
public class Viewer {
  @Inject private AccountService accounts;
  @Inject private HttpServletRequest request;

  private Optional<User> user;

  public Optional<User> user() {
    if (user == null) {
      user = accounts.findByCaller(request.getRemoteUser());
    }
    return user;
  }

  public boolean isSignedIn() {
    return user().isPresent();
  }

  public String getDisplayName() {
    return user().map(User::getDisplayName).orElse("");
  }

  public String getTier() {
    return user().map(u -> u.getTier().name()).orElse("ANONYMOUS");
  }

  public boolean isAdmin() {
    return user().map(u -> u.hasRole(Role.ADMIN)).orElse(false);
  }

  /**
   * The page being viewed, relative to the application ({@code lesson.xhtml?l=hello}), URL-encoded
   * for a sign-in or sign-up link to come back to; empty on those pages themselves.
   */
  public String getHereEncoded() {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path.isEmpty() || path.startsWith("signin") || path.startsWith("signup") || path.startsWith("error/")) {
      return "";
    }
    String here = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    return SignInPage.safeNext(here).isEmpty() ? "" : java.net.URLEncoder.encode(here, java.nio.charset.StandardCharsets.UTF_8);
  }

  public void signOut() throws ServletException, IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    request.logout();
    ext.invalidateSession();
    ext.redirect(ext.getRequestContextPath() + "/");
  }
}
