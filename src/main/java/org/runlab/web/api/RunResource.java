package org.runlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.json.JsonArrayBuilder;
import java.time.OffsetDateTime;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.runlab.account.Identity;
import org.runlab.account.IdentityService;
import org.runlab.execution.Admission;
import org.runlab.execution.BrowserReport;
import org.runlab.execution.LiveRun;
import org.runlab.execution.RunEvent;
import org.runlab.execution.RunCode;
import org.runlab.execution.RunRequest;
import org.runlab.execution.RunRequestReader;
import org.runlab.execution.RunService;
import org.runlab.execution.RunView;
import org.runlab.platform.JsonFactory;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotFoundException;
import org.runlab.quota.RequestQuota;

/** The one door for every run: submit, look up, stream, cancel, and report browser runs. */
@Path("runs")
@RequestScoped
public class RunResource {
  static final String VISITOR_SINCE = "runlab.visitor-runs-since";
  private static final int HISTORY_DEFAULT = 20;
  private static final int HISTORY_MAX = 100;
  @Inject private RunService runs;
  @Inject private IdentityService identities;
  @Inject private RequestQuota quota;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;

  private Identity who() {
    return identities.identify(request, response);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Run a program", description = "Decides where the program runs and why."
      + " Browser: 200 with the decision; the page runs it. Server: 202 with eventsUrl, or 200 with"
      + " the finished result when \"wait\" is true. With \"interactive\": true a local run's input stays open"
      + " for POST /api/runs/{id}/stdin (its events say \"input\" when the program waits for a line).")
  @APIResponse(responseCode = "200", description = "A browser decision, or the finished result")
  @APIResponse(responseCode = "202", description = "Queued on a server engine")
  @APIResponse(responseCode = "400", description = "Unreadable body (not UTF-8, not JSON)")
  @APIResponse(responseCode = "413", description = "Too many files, bytes or stdin")
  @APIResponse(responseCode = "422", description = "A field is wrong; the problem names it")
  @APIResponse(responseCode = "429", description = "Hourly or daily server runs used up; Retry-After says when"
      + " they reset, the problem how to get more")
  public Response create(InputStream body) {
    RunRequest req = runs.requestReader().read(body);
    Identity who = who();
    if (who.isAnonymous()) {
      visitorSessionStart();
    }
    Admission admission = runs.admit(who, req);
    if (!admission.queued()) {
      return Response.ok(withQuota(admission.view()).toString(), MediaType.APPLICATION_JSON)
          .header("Content-Location", runPath(admission.view().id())).build();
    }
    LiveRun run = admission.live();
    if (req.waitForResult()) {
      RunView done = await(run);
      return Response.ok(withQuota(done).toString(), MediaType.APPLICATION_JSON)
          .header("Content-Location", runPath(run.id())).build();
    }
    String events = request.getContextPath() + "/api/runs/" + run.id() + "/events";
    var json = JsonFactory.JSON.createObjectBuilder(withQuota(admission.view()))
        .add("eventsUrl", events).build();
    return Response.accepted(json.toString()).type(MediaType.APPLICATION_JSON)
        .header("Location", runPath(run.id())).build();
  }

  /**
   * The run's own address, on every answer that makes one (Location on 202, Content-Location on
   * 200): a load balancer sends what follows (events, input, report) to the member that holds it.
   */
  private String runPath(UUID id) {
    return request.getContextPath() + "/api/runs/" + id;
  }

  /** The view, with the server-run windows and any warning when this request took a server run. */
  private jakarta.json.JsonObject withQuota(RunView view) {
    if (quota.decision() == null) {
      return view.toJson();
    }
    return JsonFactory.JSON.createObjectBuilder(view.toJson()).add("quota", QuotaJson.of(quota.decision())).build();
  }

  private RunView await(LiveRun run) {
    long limitMs = run.spec().limits().wallTime().toMillis() * 4 + 120_000;
    try {
      return run.done().get(limitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runs.cancel(run);
      throw new ProblemException(Problem.of(503, "Interrupted", "The server is shutting down; try again."));
    } catch (ExecutionException | TimeoutException e) {
      throw new ProblemException(Problem.of(504, "Run did not finish",
          "The run did not finish in time; look it up later at /api/runs/" + run.id() + "."));
    }
  }

  /**
   * When this browser session's runs began, for a visitor's history: kept in the session, so the
   * next person at a shared computer does not see them.
   */
  private OffsetDateTime visitorSessionStart() {
    HttpSession session = request.getSession(true);
    Object since = session.getAttribute(VISITOR_SINCE);
    if (since instanceof OffsetDateTime t) {
      return t;
    }
    OffsetDateTime now = OffsetDateTime.now();
    session.setAttribute(VISITOR_SINCE, now);
    return now;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The caller's recent runs, newest first",
      description = "Of one lesson with ?lesson=slug; a signed-in learner's from the ledger, a visitor's from"
          + " this browser session. Each: id, created, engine, state, verdict, verdictText, wallTimeMs and the"
          + " first lines of output.")
  public Response list(@QueryParam("lesson") String lesson, @QueryParam("limit") Integer limit) {
    if (lesson != null && (lesson.isBlank() || lesson.length() > 80)) {
      throw new InvalidInputException(InvalidInputException.Kind.INVALID, "lesson",
          "\"lesson\" must be a lesson's identifier of at most 80 characters.");
    }
    int n = limit == null ? HISTORY_DEFAULT : limit;
    if (n < 1 || n > HISTORY_MAX) {
      throw new InvalidInputException(InvalidInputException.Kind.INVALID, "limit",
          "\"limit\" must be between 1 and " + HISTORY_MAX + ".");
    }
    Identity who = who();
    OffsetDateTime since = who.isAnonymous() ? visitorSessionStart() : null;
    JsonArrayBuilder list = JsonFactory.JSON.createArrayBuilder();
    runs.history(who, lesson, since, n).forEach(r -> list.add(RunSummaries.of(r)));
    return Response.ok(JsonFactory.JSON.createObjectBuilder().add("runs", list).build().toString(),
        MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("{id}/code")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The files and entry a run ran: {\"entry\", \"files\":[{\"path\",\"content\"}]}")
  public Response code(@PathParam("id") String id) {
    RunCode code = runs.code(who(), parse(id)).orElseThrow(() -> new NotFoundException("Code not kept",
        "The code of this run was not kept."));
    return Response.ok(code.toJson().toString(), MediaType.APPLICATION_JSON).build();
  }

  @POST
  @Path("{id}/stdin")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send input to a running program",
      description = "For a run started with \"interactive\": true on Runlab's own server: {\"text\": \"Ada\\n\"}"
          + " (as it is), {\"line\": \"Ada\"} (a newline added) and/or {\"eof\": true}. At most"
          + " runlab.run.stdin-send-max-bytes a send (413), runlab.run.stdin-sends-per-second (429), a run's"
          + " input in all within runlab.run.max-stdin-bytes (413); 409 once the program has finished or"
          + " when its engine cannot take input while it runs.")
  @APIResponse(responseCode = "202", description = "On its way to the program")
  @APIResponse(responseCode = "409", description = "The program is not running, or cannot take input now")
  @APIResponse(responseCode = "413", description = "Too much input")
  @APIResponse(responseCode = "429", description = "Sent too often; Retry-After says when to send again")
  public Response stdin(@PathParam("id") String id, InputStream body) {
    Identity who = who();
    UUID runId = parse(id);
    if (!runs.owns(who, runId)) {
      throw RunService.noSuchRun();
    }
    RunRequestReader.InputSend send = runs.requestReader().readInput(body, runs.inputSettings().maxSendBytes());
    runs.sendInput(who, runId, send);
    return Response.accepted(JsonFactory.JSON.createObjectBuilder().add("id", runId.toString())
        .add("bytes", send.text().getBytes(StandardCharsets.UTF_8).length).add("eof", send.eof()).build()
        .toString()).type(MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A run's state, or its result once finished")
  public Response get(@PathParam("id") String id) {
    RunView view = runs.view(who(), parse(id)).orElseThrow(RunService::noSuchRun);
    return Response.ok(view.toJson().toString(), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Server-Sent Events: queued (position), started, stdout, stderr, notice, result")
  public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    Identity who = who();
    UUID runId = parse(id);
    LiveRun run = runs.live(who, runId).orElse(null);
    if (run == null) {
      RunView view = runs.view(who, runId).orElseThrow(RunService::noSuchRun);
      sink.send(sse.newEventBuilder().name("result").data(view.toJson().toString()).build());
      sink.close();
      return;
    }
    Consumer<RunEvent>[] holder = new Consumer[1];
    holder[0] = event -> {
      if (sink.isClosed()) {
        run.unsubscribe(holder[0]);
        return;
      }
      sink.send(sse.newEventBuilder().name(event.name()).data(event.data()).build());
      if (event.isFinal()) {
        sink.close();
      }
    };
    run.subscribe(holder[0]);
  }

  @DELETE
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Stop a run; it ends as CANCELLED")
  public Response cancel(@PathParam("id") String id) {
    Identity who = who();
    UUID runId = parse(id);
    LiveRun run = runs.live(who, runId).orElse(null);
    if (run == null) {
      RunView view = runs.view(who, runId).orElseThrow(RunService::noSuchRun);
      return Response.ok(view.toJson().toString(), MediaType.APPLICATION_JSON).build();
    }
    runs.cancel(run);
    try {
      RunView view = run.done().get(10, TimeUnit.SECONDS);
      return Response.ok(view.toJson().toString(), MediaType.APPLICATION_JSON).build();
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      return Response.accepted(RunView.pending(run).toJson().toString()).type(MediaType.APPLICATION_JSON).build();
    }
  }

  @POST
  @Path("{id}/report")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The page reports how a browser run ended")
  public Response report(@PathParam("id") String id, InputStream body) throws IOException {
    Identity who = who();
    UUID runId = parse(id);
    if (!runs.owns(who, runId)) {
      throw RunService.noSuchRun();
    }
    byte[] bytes = body.readNBytes(512 * 1024);
    BrowserReport report = BrowserReport.parse(new String(bytes, StandardCharsets.UTF_8));
    RunView view = runs.report(who, runId, report);
    return Response.ok(view.toJson().toString(), MediaType.APPLICATION_JSON).build();
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw RunService.noSuchRun();
    }
  }
}
