package org.runlab.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.account.AccountService;
import org.runlab.account.Role;
import org.runlab.account.User;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.RunlabException;

/**
 * What every console page shares: who the operator is, the server-side check that they are an
 * admin (beside the URL constraint on /admin/*), messages beside fields or in the growl, and how
 * times, money, sizes and learners are written.
 */
@Named
@RequestScoped
public class Console {
  private static final Logger LOG = Logger.getLogger(Console.class.getName());
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  @Inject private HttpServletRequest request;
  @Inject private AccountService accounts;

  private User operator;

  /** The signed-in admin, or null. */
  User operator() {
    if (operator == null) {
      operator = accounts.findByCaller(request.getRemoteUser()).orElse(null);
    }
    return operator;
  }

  /** Who the audit trail names: the admin's e-mail. */
  String actor() {
    User u = operator();
    return u == null ? String.valueOf(request.getRemoteUser()) : u.getEmail();
  }

  /**
   * Carries out an action if the caller is an enabled admin (else 403, nothing done), showing
   * {@code done} in the growl, or the refusal beside its field (the form keeps what was typed).
   */
  boolean act(Runnable action, Supplier<String> done) {
    return act(action, done, "");
  }

  /** The same, with the form's field ids named {@code prefix} + the service's field name. */
  boolean act(Runnable action, Supplier<String> done, String prefix) {
    if (!admin()) {
      refuse();
      return false;
    }
    try {
      action.run();
      info(done.get());
      return true;
    } catch (InvalidInputException e) {
      fieldError(e.field() == null ? null : prefix + e.field(), e.detail());
    } catch (RunlabException e) {
      Object field = e.facts().get("field");
      fieldError(field == null ? null : prefix + field, e.detail());
    } catch (RuntimeException e) {
      RunlabException cause = cause(e);
      if (cause == null) {
        LOG.log(Level.WARNING, "Console action failed", e);
        error("That did not work: " + e.getMessage());
      } else {
        Object field = cause instanceof InvalidInputException iie ? iie.field() : cause.facts().get("field");
        fieldError(field == null ? null : prefix + field, cause.detail());
      }
    }
    FacesContext.getCurrentInstance().validationFailed();
    return false;
  }

  private static RunlabException cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RunlabException r) {
        return r;
      }
    }
    return null;
  }

  boolean admin() {
    User u = operator();
    return request.isUserInRole(Role.ADMIN.name()) && u != null && u.hasRole(Role.ADMIN) && !u.isDisabled();
  }

  /** Answers 403: the action is not the caller's to take. */
  void refuse() {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      faces.getExternalContext().responseSendError(403, "Not allowed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }

  void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  void error(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  /** A message beside the field (its component id, in a form that does not prepend its id), and in the growl. */
  void fieldError(String field, String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    FacesMessage m = new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
    if (field != null && faces.getViewRoot().invokeOnComponent(faces, field, (ctx, c) -> { })) {
      faces.addMessage(field, m);
    } else {
      faces.addMessage(null, m);
    }
  }

  public String getNow() {
    return instant(Instant.now());
  }

  public String time(OffsetDateTime t) {
    return t == null ? "" : TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  public String instant(Instant t) {
    return t == null ? "" : TIME.format(t.atOffset(ZoneOffset.UTC));
  }

  /** "4 s", "3 min", "2 h 5 min". */
  public String age(Instant since) {
    return since == null ? "" : duration(Duration.between(since, Instant.now()));
  }

  public String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    return s / 3600 + " h " + (s % 3600) / 60 + " min";
  }

  public String usd(BigDecimal amount) {
    if (amount == null) {
      return "";
    }
    int scale = amount.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : 6;
    return amount.setScale(scale, RoundingMode.HALF_UP).toPlainString() + " USD";
  }

  public String mib(long bytes) {
    return bytes <= 0 ? "0 MiB" : BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1 << 20), 1, RoundingMode.HALF_UP)
        .toPlainString() + " MiB";
  }

  public String ms(long millis) {
    return millis < 1000 ? millis + " ms" : BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(1000), 2,
        RoundingMode.HALF_UP).toPlainString() + " s";
  }

  /** A learner key in words: their e-mail, or "visitor" with a short id. */
  static String learner(String ownerKey, Map<UUID, String> emails) {
    if (ownerKey == null) {
      return "";
    }
    if (ownerKey.startsWith("user:")) {
      try {
        String email = emails.get(UUID.fromString(ownerKey.substring(5)));
        return email != null ? email : "learner " + ownerKey.substring(5, 13);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        return ownerKey;
      }
    }
    if (ownerKey.startsWith("anon:")) {
      return "visitor " + ownerKey.substring(5, Math.min(ownerKey.length(), 13));
    }
    return ownerKey;
  }

  static UUID userOf(String ownerKey) {
    if (ownerKey != null && ownerKey.startsWith("user:")) {
      try {
        return UUID.fromString(ownerKey.substring(5));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
