package org.runlab.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.runlab.account.AccountService;
import org.runlab.account.Tier;
import org.runlab.account.User;
import org.runlab.engine.Verdict;
import org.runlab.execution.RunFilter;
import org.runlab.execution.RunRecord;
import org.runlab.execution.RunCodes;
import org.runlab.execution.RunSearch;
import org.runlab.execution.RunStopper;
import org.runlab.platform.JsonFactory;

/**
 * Runs: a lazy, sortable, filterable table over the run ledger; a run's detail (code, stdin,
 * output, the selection's reasons); cancelling a live run, with a confirmation, audited.
 */
@Named
@ViewScoped
public class RunsPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient RunSearch search;
  @Inject private transient RunCodes codes;
  @Inject private transient RunStopper stopper;
  @Inject private transient AccountService accounts;
  @Inject private transient Console console;

  private String since = "day";
  private String engine;
  private String verdict;
  private String tier;
  private String lesson;
  private String learner;
  private String state;
  private String filterProblem;
  private PagedModel<RunRecord> model;
  private transient Map<UUID, String> emails = Map.of();
  private RunRecord selected;
  private String cancelReason;

  /** A file of the selected run's code. */
  public record CodeFile(String path, String content) {}

  @PostConstruct
  void init() {
    model = new PagedModel<>(new PagedModel.Pager<>() {
      @Override
      public List<RunRecord> page(int first, int max, String field, boolean ascending) {
        List<RunRecord> rows = filter() == null ? List.of() : search.page(filter(), first, max, field, ascending);
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> {
          if (r.getUserId() != null) {
            ids.add(r.getUserId());
          }
        });
        emails = accounts.emails(ids);
        return rows;
      }

      @Override
      public long count() {
        return filter() == null ? 0 : search.count(filter());
      }
    }, r -> r.getId().toString());
  }

  /** The filter as typed; null (and a message) when the learner e-mail matches nobody. */
  private RunFilter filter() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime from = switch (since == null ? "day" : since) {
      case "hour" -> now.minusHours(1);
      case "week" -> now.minusWeeks(1);
      case "month" -> now.minusDays(31);
      default -> now.minusDays(1);
    };
    UUID user = null;
    filterProblem = null;
    if (learner != null && !learner.isBlank()) {
      user = accounts.findByEmail(learner).map(User::getId).orElse(null);
      if (user == null) {
        filterProblem = "Nobody has the e-mail address " + learner.strip() + ".";
        return null;
      }
    }
    return new RunFilter(from, engine, verdict, tier, lesson, user, null, state);
  }

  public void applyFilters() {
    filter();
    if (filterProblem != null) {
      console.fieldError("learner", filterProblem);
    }
  }

  public String learnerOf(RunRecord r) {
    if (emails == null) {
      emails = r.getUserId() == null ? Map.of() : accounts.emails(Set.of(r.getUserId()));
    }
    if (r.getUserId() != null && emails.containsKey(r.getUserId())) {
      return emails.get(r.getUserId());
    }
    return Console.learner(r.getOwnerKey(), emails);
  }

  public boolean live(RunRecord r) {
    return r != null && (r.getState().name().equals("QUEUED") || r.getState().name().equals("RUNNING"));
  }

  public void open(String id) {
    selected = search.find(UUID.fromString(id)).orElse(null);
    cancelReason = null;
    if (selected != null && selected.getUserId() != null) {
      emails = accounts.emails(Set.of(selected.getUserId()));
    }
  }

  /** Cancels the selected run wherever it runs (the operator confirmed it). */
  public void cancel() {
    if (selected == null) {
      console.error("Open a run first.");
      return;
    }
    UUID id = selected.getId();
    console.act(() -> stopper.cancel(id, console.actor(), cancelReason),
        () -> "Run " + id.toString().substring(0, 8) + " is being cancelled; it ends as CANCELLED.");
  }

  public List<CodeFile> getCode() {
    List<CodeFile> files = new ArrayList<>();
    if (selected == null) {
      return files;
    }
    codes.find(selected.getCodeHash()).ifPresent(code -> code.files().forEach(f -> files.add(
        new CodeFile(f.path() + (f.path().equals(code.entry()) ? " (runs first)" : ""), f.content()))));
    return files;
  }

  public List<String> getReasons() {
    List<String> out = new ArrayList<>();
    if (selected == null) {
      return out;
    }
    try (var reader = JsonFactory.JSON.createReader(new StringReader(selected.getReasons()))) {
      reader.readArray().getValuesAs(JsonObject.class).forEach(o -> out.add(o.getString("text", "")
          + " (" + o.getString("code", "") + ")"));
    } catch (RuntimeException e) {
      out.add(selected.getReasons());
    }
    return out;
  }

  public List<String> getEngines() {
    return List.of("browser", "local", "e2b", "none");
  }

  public Verdict[] getVerdicts() {
    return Verdict.values();
  }

  public Tier[] getTiers() {
    return Tier.values();
  }

  public PagedModel<RunRecord> getModel() {
    return model;
  }

  public RunRecord getSelected() {
    return selected;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }

  public String getEngine() {
    return engine;
  }

  public void setEngine(String engine) {
    this.engine = engine;
  }

  public String getVerdict() {
    return verdict;
  }

  public void setVerdict(String verdict) {
    this.verdict = verdict;
  }

  public String getTier() {
    return tier;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public String getLesson() {
    return lesson;
  }

  public void setLesson(String lesson) {
    this.lesson = lesson;
  }

  public String getLearner() {
    return learner;
  }

  public void setLearner(String learner) {
    this.learner = learner;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getCancelReason() {
    return cancelReason;
  }

  public void setCancelReason(String cancelReason) {
    this.cancelReason = cancelReason;
  }
}
