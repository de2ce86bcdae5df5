package org.runlab.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.runlab.platform.AppConfig;
import org.runlab.platform.StoredSettings;
import org.runlab.platform.errors.NotPermittedException;

/**
 * Gives every request an {@link Identity}: the signed-in user, or the visitor named by a signed
 * {@value #COOKIE} cookie (issued on first contact), plus the client address.
 */
@ApplicationScoped
public class IdentityService {
  public static final String COOKIE = "runlab_visitor";
  static final String ATTRIBUTE = Identity.class.getName();
  private static final String SIGNING_KEY = "identity-signing-key";

  @Inject private StoredSettings settings;
  @Inject private AccountService accounts;

  @Inject private AppConfig config;

  private volatile IdentitySigner signer;
  private volatile ClientAddressResolver addresses;

  private static String newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  private IdentitySigner signer() {
    if (signer == null) {
      String b64;
      try {
        b64 = settings.getOrCreate(SIGNING_KEY, IdentityService::newKey);
      } catch (RuntimeException lostTheRace) {
        // Another request (or member) inserted the key first and our insert failed on commit:
        // theirs is the key.
        b64 = settings.get(SIGNING_KEY).orElseThrow(() -> lostTheRace);
      }
      signer = new IdentitySigner(Base64.getDecoder().decode(b64));
    }
    return signer;
  }

  public String clientAddress(HttpServletRequest request) {
    if (addresses == null) {
      addresses = new ClientAddressResolver(AccountSettings.from(config.get()).trustedProxies());
    }
    return addresses.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }

  /** The request's identity, issuing a visitor cookie on {@code response} when there is none. */
  public Identity identify(HttpServletRequest request, HttpServletResponse response) {
    Object cached = request.getAttribute(ATTRIBUTE);
    if (cached instanceof Identity identity) {
      return identity;
    }
    String address = clientAddress(request);
    Identity identity;
    String caller = request.getRemoteUser();
    // (an EJB call costs a transaction's set-up even when there is nobody to look up)
    Optional<User> user = caller == null ? Optional.empty() : accounts.findByCaller(caller);
    if (user.isPresent() && user.get().isDisabled()) {
      throw new NotPermittedException("Account disabled", "Your account is disabled ("
          + user.get().getDisabledReason() + "), so it cannot run code. Write to the site's operators.");
    }
    if (user.isPresent()) {
      identity = Identity.user(user.get().getId(), user.get().getTier(), address);
    } else {
      identity = Identity.anonymous(visitor(request, response), address);
    }
    request.setAttribute(ATTRIBUTE, identity);
    return identity;
  }

  private UUID visitor(HttpServletRequest request, HttpServletResponse response) {
    if (request.getCookies() != null) {
      for (Cookie c : request.getCookies()) {
        if (COOKIE.equals(c.getName())) {
          Optional<UUID> id = signer().verify(c.getValue());
          if (id.isPresent()) {
            return id.get();
          }
        }
      }
    }
    UUID id = UUID.randomUUID();
    Cookie cookie = new Cookie(COOKIE, signer().sign(id));
    cookie.setHttpOnly(true);
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setMaxAge(60 * 60 * 24 * 365);
    cookie.setSecure(request.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
    return id;
  }
}
