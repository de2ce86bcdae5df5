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
import java.io.IOException;
import java.io.UncheckedIOException;

/** The sign-in form, authenticating through Jakarta Security's form mechanism. */
@Named
@RequestScoped
public class SignInPage {
  @Inject private SecurityContext security;

  private String email;
  private String password;
  private String next;

  public String signIn() {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    String pw = password == null ? "" : password;
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
          ext.redirect(ext.getRequestContextPath() + "/" + safeNext(next));
          faces.responseComplete();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      default:
        String msg = "The e-mail address or the password is not right.";
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, msg, msg));
        faces.validationFailed();
        return null;
    }
  }

  /**
   * Where to go after signing in: the page of this application named by {@code next} (a relative
   * {@code .xhtml} page with a plain query, never another site nor the sign-in pages), or the
   * catalog.
   */
  static String safeNext(String next) {
    if (next == null || next.length() > 300
        || !next.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.xhtml(\\?[A-Za-z0-9_=&%.-]*)?")
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
