package org.runlab.web.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.DatabaseOutage;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;
import org.runlab.platform.errors.NotPermittedException;
import org.runlab.platform.errors.RunlabException;
import org.runlab.platform.errors.TooFrequentException;
import org.runlab.platform.errors.UnavailableException;
import org.runlab.quota.QuotaExceededException;

/** Turns every API failure into a problem+json answer; nothing leaks a stack trace. */
public final class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());
  /** When a request that failed because the database is away may be tried again. */
  static final long DATABASE_RETRY_SECONDS = 5;

  private ProblemMappers() {}

  /** The problem a domain exception is answered with: its status, title, detail and facts. */
  public static Problem problemOf(RunlabException e) {
    Problem p = new Problem(status(e), "about:blank", e.title(), e.detail(),
        e instanceof InvalidInputException i ? i.field() : null, Map.of());
    for (Map.Entry<String, Object> fact : e.facts().entrySet()) {
      p = p.with(fact.getKey(), fact.getValue());
    }
    return p;
  }

  /** Which HTTP status each domain exception is. */
  static int status(RunlabException e) {
    if (e instanceof InvalidInputException i) {
      return switch (i.kind()) {
        case UNREADABLE -> 400;
        case TOO_LARGE -> 413;
        case INVALID -> 422;
      };
    }
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof ConflictException) {
      return 409;
    }
    if (e instanceof NotPermittedException) {
      return 403;
    }
    if (e instanceof QuotaExceededException || e instanceof TooFrequentException) {
      return 429;
    }
    if (e instanceof UnavailableException) {
      return 503;
    }
    return 400;
  }

  /** Answers a domain exception with its problem. */
  @Provider
  public static class Domain implements ExceptionMapper<RunlabException> {
    @Override
    public Response toResponse(RunlabException e) {
      Response r = problemOf(e).toResponse();
      if (e instanceof TooFrequentException t) {
        return Response.fromResponse(r).header("Retry-After", Long.toString(t.retryAfterSeconds())).build();
      }
      if (e instanceof UnavailableException u && u.retryAfterSeconds() > 0) {
        return Response.fromResponse(r).header("Retry-After", Long.toString(u.retryAfterSeconds())).build();
      }
      return r;
    }
  }

  /** Answers a {@link ProblemException} with its problem. */
  @Provider
  public static class Known implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      return e.problem().toResponse();
    }
  }

  /** Answers JAX-RS's own errors (404, 405, 415...) as problems. */
  @Provider
  public static class Http implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      String detail = e.getMessage();
      if (e instanceof NotSupportedException) {
        detail = "Send the request body as application/json.";
      } else if (e instanceof NotAllowedException) {
        detail = "This method is not allowed here.";
      }
      String title = Response.Status.fromStatusCode(status) != null
          ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
      return Problem.of(status, title, detail).toResponse();
    }
  }

  /** Answers anything unexpected with a 500 that says nothing about the inside. */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      if (e instanceof WebApplicationException w) {
        return new Http().toResponse(w);
      }
      if (e instanceof ProblemException p) {
        return p.problem().toResponse();
      }
      if (e instanceof RunlabException r) {
        return problemOf(r).toResponse();
      }
      if (DatabaseOutage.isCause(e)) {
        LOG.log(Level.WARNING, "The database is not answering: " + e);
        return new Domain().toResponse(new UnavailableException("Database not answering",
            "Runlab's database is not answering right now, so nothing was saved or started. Please try again in a"
                + " few seconds.").retryAfter(DATABASE_RETRY_SECONDS));
      }
      LOG.log(Level.SEVERE, "Unexpected API failure", e);
      return Problem.of(500, "Internal error", "Runlab could not finish this request; nothing was lost. Try again.")
          .toResponse();
    }
  }
}
