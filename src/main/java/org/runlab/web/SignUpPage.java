package org.runlab.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.runlab.account.AccountException;
import org.runlab.account.AccountRules;
import org.runlab.account.AccountService;
import org.runlab.account.Identity;
import org.runlab.account.IdentityService;
import org.runlab.account.User;
import org.runlab.course.ProgressService;
import jakarta.servlet.http.HttpServletResponse;

/** The sign-up form: creates a FREE learner account, then signs the new learner in. */
@Named
@RequestScoped
public class SignUpPage {
  @Inject private AccountService accounts;
  @Inject private IdentityService identities;
  @Inject private SignInPage signIn;
  @Inject private HttpServletRequest request;
  @Inject private ProgressService progress;

  private String email;
  private String displayName;
  private String password;
  private String next;

  public String signUp() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String visitor = identities.identify(request,
        (HttpServletResponse) faces.getExternalContext().getResponse()).key();
    try {
      User user = accounts.signUp(email, displayName, password, identities.clientAddress(request));
      try {
        progress.adopt(visitor, Identity.user(user.getId(), user.getTier(), null).key());
      } catch (RuntimeException e) {
        // the marks of the visit are lost, never the account
      }
    } catch (AccountException e) {
      for (AccountRules.Problem p : e.problems()) {
        faces.addMessage(
            p.field(), new FacesMessage(FacesMessage.SEVERITY_ERROR, p.message(), p.message()));
      }
      faces.validationFailed();
      return null;
    }
    signIn.setEmail(email);
    signIn.setPassword(password);
    signIn.setNext(next);
    return signIn.signIn();
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

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
