package org.runlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.runlab.account.IdentityService;
import org.runlab.course.CourseCatalog;
import org.runlab.course.Lesson;
import org.runlab.engine.ProjectFile;
import org.runlab.engine.ProjectLimits;
import org.runlab.platform.AppConfig;
import org.runlab.workspace.Snapshot;
import org.runlab.workspace.SnapshotReason;
import org.runlab.workspace.SnapshotService;
import org.runlab.workspace.Workspace;
import org.runlab.workspace.WorkspaceReader;

/**
 * A signed-in learner's saved work in one lesson: the latest snapshot, the history, one snapshot,
 * saving, restoring, adopting browser work and resetting to the starter files. Only the owner
 * sees a snapshot; anybody else's id is simply not found.
 */
@Path("workspaces/{lesson}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {
  @Inject private SnapshotService snapshots;
  @Inject private IdentityService identities;
  @Inject private CourseCatalog catalog;
  @Context private HttpServletRequest request;
  @Context private HttpServletResponse response;
  @PathParam("lesson") private String lessonSlug;

  @Inject private AppConfig config;

  @GET
  @Path("latest")
  @Operation(summary = "The newest snapshot of this lesson; 204 when nothing is saved yet")
  public Response latest() {
    UUID owner = owner();
    lesson();
    return snapshots.latest(owner, lessonSlug)
        .map(s -> Response.ok(full(s).toString()).build())
        .orElseGet(() -> Response.noContent().build());
  }

  @GET
  @Path("snapshots")
  @Operation(summary = "The history of this lesson, newest first (without file contents)")
  public Response history() {
    UUID owner = owner();
    lesson();
    JsonArrayBuilder list = Json.createArrayBuilder();
    snapshots.history(owner, lessonSlug).forEach(s -> list.add(summary(s)));
    return Response.ok(Json.createObjectBuilder().add("snapshots", list).build().toString()).build();
  }

  @GET
  @Path("snapshots/{id}")
  @Operation(summary = "One snapshot with its files")
  public Response one(@PathParam("id") String id) {
    UUID owner = owner();
    Snapshot s = snapshots.find(owner, lessonSlug, parse(id)).orElseThrow(WorkspaceResource::notFound);
    return Response.ok(full(s).toString()).build();
  }

  @POST
  @Path("snapshots")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Save the files (reason AUTO or RUN); an unchanged save returns the newest snapshot")
  public Response save(InputStream body) {
    UUID owner = owner();
    lesson();
    WorkspaceReader reader = reader();
    JsonObject json = reader.object(body);
    Snapshot s = snapshots.save(owner, lessonSlug, reader.workspace(json), reader.pageReason(json));
    return Response.status(201).entity(summary(s).toString()).build();
  }

  @POST
  @Path("snapshots/{id}/restore")
  @Operation(summary = "Bring an older snapshot back as the newest one")
  public Response restore(@PathParam("id") String id) {
    UUID owner = owner();
    Snapshot s = snapshots.restore(owner, lessonSlug, parse(id)).orElseThrow(WorkspaceResource::notFound);
    return Response.status(201).entity(full(s).toString()).build();
  }

  @POST
  @Path("adopt")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Adopt work done before signing up as the first snapshot; 409 when there is one")
  public Response adopt(InputStream body) {
    UUID owner = owner();
    lesson();
    WorkspaceReader reader = reader();
    Workspace work = reader.workspace(reader.object(body));
    Snapshot s = snapshots.adopt(owner, lessonSlug, work).orElseThrow(() -> new ProblemException(
        Problem.of(409, "Already saved", "You already have saved work in this lesson; it was kept.")));
    return Response.status(201).entity(full(s).toString()).build();
  }

  @POST
  @Path("reset")
  @Operation(summary = "Start over from the lesson's starter files (the history keeps the rest)")
  public Response reset() {
    UUID owner = owner();
    Lesson lesson = lesson();
    Workspace starter = new Workspace(
        lesson.getStarterFiles().stream().map(f -> new ProjectFile(f.getPath(), f.getContent())).toList(),
        lesson.getEntryFile());
    Snapshot s = snapshots.save(owner, lessonSlug, starter, SnapshotReason.RESET);
    return Response.status(201).entity(full(s).toString()).build();
  }

  private WorkspaceReader reader() {
    return new WorkspaceReader(ProjectLimits.from(config.get()));
  }

  private UUID owner() {
    UUID user = identities.identify(request, response).userId();
    if (user == null) {
      throw new ProblemException(Problem.of(401, "Sign in to save",
          "Create an account or sign in to save your code on Runlab; until then it is kept in this browser only."));
    }
    return user;
  }

  private Lesson lesson() {
    return catalog.lesson(lessonSlug).orElseThrow(() -> new ProblemException(
        Problem.of(404, "Not found", "There is no lesson '" + lessonSlug + "'.")));
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw notFound();
    }
  }

  private static ProblemException notFound() {
    return new ProblemException(Problem.of(404, "Not found", "There is no such snapshot of yours in this lesson."));
  }

  private static JsonObjectBuilder summaryBuilder(Snapshot s) {
    return Json.createObjectBuilder()
        .add("id", s.getId())
        .add("lesson", s.getLessonSlug())
        .add("reason", s.getReason().name())
        .add("created", s.getCreatedAt().toInstant().toString())
        .add("fileCount", s.getFileCount())
        .add("bytes", s.getCodeBytes());
  }

  private static JsonObject summary(Snapshot s) {
    return summaryBuilder(s).build();
  }

  private static JsonObject full(Snapshot s) {
    Workspace w = s.workspace();
    return summaryBuilder(s).add("entry", w.entry()).add("files", Workspace.filesToJson(w.files())).build();
  }
}
