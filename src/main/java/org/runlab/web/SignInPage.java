package org.runlab.web;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.runlab.account.AccountService;
import org.runlab.account.User;

/** The sign-in form, authenticating through Jakarta Security's form mechanism. */
@Named
@RequestScoped
public class SignInPage {
  @Inject private SecurityContext security;
  @Inject private AccountService accounts;

  private String email;
  private String password;
  private String next;

  public String signIn() {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    String pw = password == null ? "" : password;
    String asked = askedFor((HttpServletRequest) ext.getRequest());
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) ext.getRequest(),
            (HttpServletResponse) ext.getResponse(),
            withParams()
                .credential(new UsernamePasswordCredential(email == null ? "" : email, new Password(pw)))
                .newAuthentication(true));
    switch (status) {
      case SEND_CONTINUE:
        faces.responseComplete();
        return null;
      case SUCCESS:
        try {
          ext.getFlash().setKeepMessages(true);
          ext.redirect(ext.getRequestContextPath() + "/" + (asked != null ? asked : safeNext(next)));
          faces.responseComplete();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      default:
        String msg = disabled(pw).map(reason -> "This account is disabled (" + reason
            + "). Write to the site's operators.").orElse("The e-mail address or the password is not right.");
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, msg, msg));
        faces.validationFailed();
        return null;
    }
  }

  /**
   * The page a visitor asked for before sign-in was required (a console page, say): the form
   * mechanism keeps that request in the session under {@value #ASKED}; it is taken out once, and
   * only a page of this application (no scheme, no host, no "..") is returned to.
   */
  static final String ASKED = "org.glassfish.soteria.original.request";

  private static String askedFor(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object saved = session == null ? null : session.getAttribute(ASKED);
    if (saved == null) {
      return null;
    }
    session.removeAttribute(ASKED);
    try {
      String url = String.valueOf(saved.getClass().getMethod("getFullRequestURL").invoke(saved));
      java.net.URI uri = java.net.URI.create(url);
      String path = uri.getRawPath();
      String context = request.getContextPath() + "/";
      if (path == null || !path.startsWith(context)) {
        return null;
      }
      String asked = safeNext(path.substring(context.length()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      return asked.isEmpty() ? null : asked;
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The reason the account was disabled, when the password was right but the account is disabled. */
  private Optional<String> disabled(String pw) {
    return accounts.authenticate(email == null ? "" : email, pw)
        .filter(User::isDisabled).map(User::getDisabledReason);
  }

  /**
   * Where to go after signing in: the page of this application named by {@code next} (a relative
   * {@code .xhtml} page, or a folder's index such as {@code finance/}, with a plain query; never
   * another site nor the sign-in pages), or the catalog.
   */
  static String safeNext(String next) {
    if (next == null || next.length() > 300
        || !next.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\\.xhtml|/)(\\?[A-Za-z0-9_=&%.-]*)?")
        || next.startsWith("signin.") || next.startsWith("signup.")) {
      return "";
    }
    return next;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
