package org.runlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.runlab.account.AccountService;
import org.runlab.account.Role;
import org.runlab.platform.JsonFactory;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.InvalidInputException;
import org.runlab.platform.errors.NotPermittedException;
import org.runlab.reports.Anomaly;
import org.runlab.reports.AnomalyFindings;
import org.runlab.reports.AnomalyKind;
import org.runlab.reports.AnomalyScan;
import org.runlab.reports.CostReport;
import org.runlab.reports.CostReports;
import org.runlab.reports.ReportCsv;
import org.runlab.reports.ReportService;

/**
 * Finance's report API: start a cost report or an anomaly scan of a period (202 with the job
 * execution's id), follow its state and progress, read the report or findings when done, as JSON
 * or RFC 4180 CSV. For FINANCE and ADMIN only; everybody else is refused with 403.
 */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
  private static final int MAX_BODY = 4096;
  private static final String CSV = "text/csv; charset=UTF-8";

  @Inject ReportService service;
  @Inject CostReports reports;
  @Inject AnomalyFindings findings;
  @Inject AccountService accounts;
  @Context HttpServletRequest request;

  @POST
  @Path("cost")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a cost report of whole UTC days", description = "Body {\"from\":\"2026-12-01\","
      + "\"to\":\"2026-12-07\"} (to inclusive; without it, the one day from). Answers 202 with the job execution's id.")
  @APIResponse(responseCode = "202", description = "Started; follow it at /api/reports/cost/{id}")
  @APIResponse(responseCode = "400", description = "Not JSON")
  @APIResponse(responseCode = "422", description = "A bad period; the problem names the field")
  @APIResponse(responseCode = "403", description = "Not a finance or admin account")
  public Response startCost(InputStream body) {
    String by = allowed();
    JsonObject period = period(body);
    long id = service.startCostReport(text(period, "from"), text(period, "to"), by);
    return accepted("cost", id);
  }

  @GET
  @Path("cost")
  @Operation(summary = "The newest cost reports")
  public Response listCost() {
    allowed();
    JsonArrayBuilder list = JsonFactory.JSON.createArrayBuilder();
    for (CostReport r : reports.recent(100)) {
      list.add(JsonFactory.JSON.createObjectBuilder().add("id", r.executionId()).add("reportId", r.id())
          .add("period", ReportJson.period(r.from().toString(), r.to().toString())).add("kind", r.kind())
          .add("state", r.state()).add("grandTotalUsd", ReportJson.usd(r.grandTotal())));
    }
    return ok(JsonFactory.JSON.createObjectBuilder().add("reports", list).build());
  }

  @GET
  @Path("cost/{id: \\d+}")
  @Operation(summary = "A cost report's state and progress, and the report once done")
  public Response cost(@PathParam("id") long id) {
    allowed();
    var status = service.costReport(id);
    return ok(ReportJson.costStatus(status.run(), status.result().orElse(null), reports));
  }

  @GET
  @Path("cost/{id: \\d+}.csv")
  @Produces(CSV)
  @Operation(summary = "A completed cost report as RFC 4180 CSV")
  public Response costCsv(@PathParam("id") long id) {
    allowed();
    CostReport report = service.costReport(id).result().filter(CostReport::completed)
        .orElseThrow(() -> notDone("cost report", id));
    StreamingOutput out = stream -> {
      Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
      ReportCsv.write(report, reports, w);
      w.flush();
    };
    return Response.ok(out, CSV).header("Content-Disposition", "attachment; filename=\"cost-report-"
        + report.from() + "-to-" + report.to() + ".csv\"").build();
  }

  @POST
  @Path("anomalies")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start an anomaly scan", description = "Body {\"day\":\"2026-12-07\"}, or {\"from\",\"to\"}"
      + " for several days. Answers 202 with the job execution's id.")
  @APIResponse(responseCode = "202", description = "Started; follow it at /api/reports/anomalies/{id}")
  @APIResponse(responseCode = "422", description = "A bad period; the problem names the field")
  public Response startScan(InputStream body) {
    String by = allowed();
    JsonObject period = period(body);
    String day = text(period, "day");
    long id = day != null ? service.startAnomalyScan(day, day, by)
        : service.startAnomalyScan(text(period, "from"), text(period, "to"), by);
    return accepted("anomalies", id);
  }

  @GET
  @Path("anomalies")
  @Operation(summary = "Findings, newest first; filter by kind and state")
  public Response listFindings(@QueryParam("kind") String kind, @QueryParam("state") String state) {
    allowed();
    JsonArrayBuilder list = JsonFactory.JSON.createArrayBuilder();
    for (Anomaly a : findings.list(kind(kind), state(state), 500)) {
      list.add(ReportJson.finding(a, findings.runs(a.id())));
    }
    return ok(JsonFactory.JSON.createObjectBuilder().add("findings", list).build());
  }

  @GET
  @Path("anomalies/{id: \\d+}")
  @Operation(summary = "An anomaly scan's state and progress, and its new findings once done")
  public Response scan(@PathParam("id") long id) {
    allowed();
    var status = service.anomalyScan(id);
    return ok(ReportJson.scanStatus(status.run(), status.result().orElse(null), findings));
  }

  @GET
  @Path("anomalies/{id: \\d+}.csv")
  @Produces(CSV)
  @Operation(summary = "A completed scan's new findings as RFC 4180 CSV")
  public Response scanCsv(@PathParam("id") long id) {
    allowed();
    AnomalyScan scan = service.anomalyScan(id).result().filter(AnomalyScan::completed)
        .orElseThrow(() -> notDone("anomaly scan", id));
    StreamingOutput out = stream -> {
      Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
      ReportCsv.findings(findings.ofScan(scan.id()), findings, w);
      w.flush();
    };
    return Response.ok(out, CSV).header("Content-Disposition", "attachment; filename=\"anomalies-" + scan.from()
        + "-to-" + scan.to() + ".csv\"").build();
  }

  @POST
  @Path("anomalies/findings/{id: \\d+}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Acknowledge or resolve a finding", description = "Body {\"state\":\"ACKNOWLEDGED\","
      + "\"note\":\"why\"}; audited.")
  public Response changeFinding(@PathParam("id") long id, InputStream body) {
    String by = allowed();
    JsonObject change = period(body);
    Anomaly a = findings.changeState(id, text(change, "state"), text(change, "note"), by);
    return ok(ReportJson.finding(a, findings.runs(a.id())).build());
  }

  /**
   * The caller's name, when they have the FINANCE role (the first admin has it; others are given it
   * on the console's People page); a 403 problem otherwise, admins without it included.
   */
  private String allowed() {
    if (request.getRemoteUser() == null || !request.isUserInRole(Role.FINANCE.name())) {
      throw new NotPermittedException("Finance only", "Cost reports and anomaly scans are for accounts with the"
          + " finance role. Sign in with one.");
    }
    return accounts.findByCaller(request.getRemoteUser()).map(u -> u.getEmail()).orElse(request.getRemoteUser());
  }

  private static Response accepted(String kind, long id) {
    String url = "/api/reports/" + kind + "/" + id;
    var json = JsonFactory.JSON.createObjectBuilder().add("id", id).add("state", "STARTING").add("statusUrl", url);
    if (kind.equals("cost")) {
      json.add("csvUrl", url + ".csv");
    }
    return Response.accepted(json.build().toString()).type(MediaType.APPLICATION_JSON).header("Location", url).build();
  }

  private static Response ok(JsonObject json) {
    return Response.ok(json.toString(), MediaType.APPLICATION_JSON).build();
  }

  private static ConflictException notDone(String what, long id) {
    return new ConflictException("Not done yet", "The " + what + " of execution " + id
        + " has not completed; its CSV is there once it has.");
  }

  /** The body as a JSON object; 400 when it is not UTF-8 JSON, or not an object. */
  private static JsonObject period(InputStream body) {
    String text;
    try {
      byte[] bytes = body.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE, null,
            "The request body is larger than " + MAX_BODY + " bytes.");
      }
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(InvalidInputException.Kind.UNREADABLE, null, "The body is not UTF-8 text.");
    } catch (IOException e) {
      throw new InvalidInputException(InvalidInputException.Kind.UNREADABLE, null, "The body could not be read.");
    }
    try (var reader = JsonFactory.JSON.createReader(new StringReader(text))) {
      JsonValue v = reader.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException(InvalidInputException.Kind.UNREADABLE, null,
            "Send a JSON object such as {\"from\":\"2026-12-01\",\"to\":\"2026-12-07\"}.");
      }
      return v.asJsonObject();
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidInputException(InvalidInputException.Kind.UNREADABLE, null,
          "The body is not JSON; send {\"from\":\"2026-12-01\",\"to\":\"2026-12-07\"}.");
    }
  }

  /** A member that must be a string when present; null when absent. */
  private static String text(JsonObject o, String field) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw InvalidInputException.invalid(field, "\"" + field + "\" must be a string such as \"2026-12-01\".");
    }
    return s.getString();
  }

  private static AnomalyKind kind(String kind) {
    if (kind == null || kind.isBlank()) {
      return null;
    }
    try {
      return AnomalyKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.invalid("kind", "There is no kind of finding '" + kind + "'.");
    }
  }

  private static String state(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    String s = state.trim().toUpperCase(Locale.ROOT);
    if (!AnomalyFindings.STATES.contains(s)) {
      throw InvalidInputException.invalid("state", "A finding is OPEN, ACKNOWLEDGED or RESOLVED, not '" + state + "'.");
    }
    return s;
  }

}
