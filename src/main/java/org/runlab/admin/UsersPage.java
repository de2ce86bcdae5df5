package org.runlab.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.runlab.account.AccountService;
import org.runlab.account.Tier;
import org.runlab.account.User;

/** The admin's user list: who signed up, their roles, and their tier (FREE or PAID). */
@Named
@ViewScoped
public class UsersPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(UsersPage.class.getName());

  @Inject private transient AccountService accounts;
  @Inject private transient HttpServletRequest request;

  private transient List<User> users;

  public List<User> getUsers() {
    if (users == null) {
      users = accounts.list(0, 500);
    }
    return users;
  }

  public List<Tier> getTiers() {
    return List.of(Tier.FREE, Tier.PAID);
  }

  /** Sets a user's tier; the change is logged with the admin who made it. */
  public void changeTier(String userId, String tier) {
    Tier newTier = Tier.valueOf(tier);
    UUID id = UUID.fromString(userId);
    accounts.changeTier(id, newTier);
    LOG.info("AUDIT admin " + request.getRemoteUser() + " set the tier of user " + id + " to " + newTier);
    users = null;
    FacesContext.getCurrentInstance().addMessage(null,
        new FacesMessage(FacesMessage.SEVERITY_INFO, "Tier changed to " + newTier + ".", null));
  }
}
