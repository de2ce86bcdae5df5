package org.runlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.runlab.execution.RunRequest;
import org.runlab.execution.RunService;
import org.runlab.execution.RunView;
import org.runlab.platform.JsonFactory;
import org.runlab.quota.RequestQuota;

/** The one door for every run: submit, look up, stream, cancel, and report browser runs. */
@Path("runs")
@RequestScoped
public class RunResource {
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
      + " the finished result when \"wait\" is true.")
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
    Admission admission = runs.admit(who, req);
    if (!admission.queued()) {
      return Response.ok(withQuota(admission.view()).toString(), MediaType.APPLICATION_JSON).build();
    }
    LiveRun run = admission.live();
    if (req.waitForResult()) {
      RunView done = await(run);
      return Response.ok(withQuota(done).toString(), MediaType.APPLICATION_JSON).build();
    }
    String events = request.getContextPath() + "/api/runs/" + run.id() + "/events";
    var json = JsonFactory.JSON.createObjectBuilder(withQuota(admission.view()))
        .add("eventsUrl", events).build();
    return Response.accepted(json.toString()).type(MediaType.APPLICATION_JSON)
        .header("Location", request.getContextPath() + "/api/runs/" + run.id()).build();
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
