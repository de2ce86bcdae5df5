package org.runlab.web.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every API failure into a problem+json answer; nothing leaks a stack trace. */
public final class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

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
      LOG.log(Level.SEVERE, "Unexpected API failure", e);
      return Problem.of(500, "Internal error", "Runlab could not finish this request; nothing was lost. Try again.")
          .toResponse();
    }
  }
}
