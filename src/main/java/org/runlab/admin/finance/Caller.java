package org.runlab.admin.finance;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.runlab.account.AccountService;
import org.runlab.account.Role;
import org.runlab.account.User;
import org.runlab.platform.errors.NotPermittedException;
import org.runlab.platform.errors.RunlabException;

/** Who is using a finance or console page, checked on the server for every action. */
@RequestScoped
public class Caller {
  @Inject HttpServletRequest request;
  @Inject AccountService accounts;

  /**
   * The caller's e-mail, when they have the FINANCE role; refuses anybody else, admins without it
   * included (the first admin has it; an admin gives it on the People page).
   */
  public String finance() {
    if (!request.isUserInRole(Role.FINANCE.name())) {
      throw new NotPermittedException("Finance only", "This is for accounts with the finance role.");
    }
    return email();
  }

  /** The caller's e-mail, when ADMIN; refuses anybody else. */
  public String admin() {
    if (!request.isUserInRole(Role.ADMIN.name())) {
      throw new NotPermittedException("Admins only", "This is for admin accounts.");
    }
    return email();
  }

  public boolean isAdmin() {
    return request.isUserInRole(Role.ADMIN.name());
  }

  private String email() {
    return accounts.findByCaller(request.getRemoteUser()).map(User::getEmail).orElse(request.getRemoteUser());
  }

  /** Shows a refusal or a failure as a message on the page. */
  static void show(RunlabException e) {
    FacesContext.getCurrentInstance().addMessage(null,
        new FacesMessage(FacesMessage.SEVERITY_ERROR, e.title() + ": " + e.detail(), null));
  }

  static void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }
}
