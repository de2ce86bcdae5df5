package org.runlab.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.account.IdentityService;
import org.runlab.quota.QuotaDecision;
import org.runlab.quota.QuotaService;
import org.runlab.quota.RequestQuota;

/**
 * Puts the caller's server-run windows on every {@code /api/runs} answer, in the IETF httpapi
 * draft form ({@code RateLimit-Policy}, {@code RateLimit}), plus {@code Retry-After} on a 429 and
 * {@code Runlab-Quota-Warning} when 20% or less of a window is left.
 */
@Provider
@ApplicationScoped
public class QuotaHeaders implements ContainerResponseFilter {
  private static final Logger LOG = Logger.getLogger(QuotaHeaders.class.getName());

  @Inject private QuotaService quota;
  @Inject private RequestQuota requestQuota;
  @Inject private IdentityService identities;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;

  @Override
  public void filter(ContainerRequestContext req, ContainerResponseContext res) {
    String path = req.getUriInfo().getPath();
    if (!(path.equals("runs") || path.startsWith("runs/") || path.startsWith("/runs"))) {
      return;
    }
    try {
      QuotaDecision d = requestQuota.decision();
      if (d == null) {
        d = quota.peek(identities.identify(request, response));
      }
      res.getHeaders().putSingle("RateLimit-Policy", d.policyHeader());
      res.getHeaders().putSingle("RateLimit", d.rateLimitHeader());
      if (res.getStatus() == 429 && !res.getHeaders().containsKey("Retry-After")) {
        res.getHeaders().putSingle("Retry-After", Long.toString(d.retryAfterSeconds()));
      }
      d.warning().ifPresent(w -> res.getHeaders().putSingle("Runlab-Quota-Warning", w));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not add the RateLimit headers", e);
    }
  }
}
