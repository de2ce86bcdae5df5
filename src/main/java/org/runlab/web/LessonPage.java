package org.runlab.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.util.List;
import org.runlab.account.Tier;
import org.runlab.account.IdentityService;
import org.runlab.account.User;
import org.runlab.course.CourseCatalog;
import org.runlab.course.Lesson;
import org.runlab.course.MarkdownRenderer;
import org.runlab.course.ProgressService;
import org.runlab.course.StarterFile;
import org.runlab.engine.EngineId;
import org.runlab.engine.EngineRegistry;
import org.runlab.engine.selection.BrowserPackages;
import org.runlab.engine.selection.SelectionSettings;
import org.runlab.limits.LimitService;
import org.runlab.limits.TierLimits;
import org.runlab.platform.AppConfig;
import org.runlab.workspace.WorkspaceSettings;

/**
 * A lesson page: instructions rendered from Markdown beside the workspace (editor, runs,
 * snapshots). The workspace script reads the lesson's starter files and the viewer's limits from
 * data attributes this bean fills.
 */
@Named
@ViewScoped
public class LessonPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient CourseCatalog catalog;
  @Inject private transient LimitService limits;
  @Inject private transient Viewer viewer;
  @Inject private transient AppConfig config;
  @Inject private transient ProgressService progress;
  @Inject private transient EngineRegistry engines;
  @Inject private transient IdentityService identities;

  private String slug;
  private transient Lesson lesson;
  private String instructionsHtml;
  private String starterJson;
  private String limitsJson;
  private String packagesJson;
  private String nextSlug;
  private String nextTitle;
  private boolean completed;

  /** Loads the lesson named by the {@code l} parameter, answering 404 when there is none. */
  public void load() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces.isPostback()) {
      return;
    }
    lesson = catalog.lesson(slug).filter(l -> l.getCourse().isPublished() || viewer.isAdmin()).orElse(null);
    if (lesson == null) {
      ExternalContext ext = faces.getExternalContext();
      ext.responseSendError(404, "No such lesson");
      faces.responseComplete();
      return;
    }
    instructionsHtml = MarkdownRenderer.toSafeHtml(lesson.getInstructions());
    List<Lesson> inCourse = lesson.getCourse().getLessons();
    int at = inCourse.indexOf(lesson);
    for (int i = 0; i < inCourse.size(); i++) {
      if (inCourse.get(i).getSlug().equals(slug)) {
        at = i;
      }
    }
    if (at >= 0 && at + 1 < inCourse.size()) {
      nextSlug = inCourse.get(at + 1).getSlug();
      nextTitle = inCourse.get(at + 1).getTitle();
    }
    String owner = identities.identify((HttpServletRequest) faces.getExternalContext().getRequest(),
        (HttpServletResponse) faces.getExternalContext().getResponse()).key();
    try {
      progress.visited(owner, slug);
      completed = progress.mark(owner, slug) == ProgressService.Mark.COMPLETED;
    } catch (RuntimeException e) {
      // a lost mark never keeps a learner from the lesson (two tabs opening it at once, say)
    }
    JsonArrayBuilder files = Json.createArrayBuilder();
    for (StarterFile f : lesson.getStarterFiles()) {
      files.add(Json.createObjectBuilder().add("path", f.getPath()).add("content", f.getContent()));
    }
    starterJson = Json.createObjectBuilder()
        .add("entry", lesson.getEntryFile()).add("files", files).build().toString();
    // The limits in force for this viewer, overrides included: the browser applies the same wall time.
    TierLimits t = limits.limits(Tier.valueOf(viewer.getTier()), viewer.user().map(User::getId).orElse(null));
    limitsJson = Json.createObjectBuilder()
        .add("tier", t.tier().name())
        .add("wallSeconds", t.wallTime().toSeconds())
        .add("memoryBytes", t.memoryBytes())
        .add("outputBytes", t.outputBytes())
        .add("chooseEngine", t.chooseEngine())
        .add("e2bAllowed", t.e2bAllowed())
        // Runs that may land on E2B read input() from the stdin box only: the page says so before.
        .add("e2bDefault", t.e2bAllowed() && engines.availability(EngineId.E2B).available()
            && SelectionSettings.from(config.get()).serverEngineByTier().get(t.tier().name()) == EngineId.E2B)
        .add("signedIn", viewer.isSignedIn())
        .add("autosaveDelayMs", WorkspaceSettings.from(config.get()).autosaveDelayMs())
        .build().toString();
    packagesJson = packagesJson(BrowserPackages.from(config.get()), faces.getExternalContext().getRequestContextPath());
  }

  /** Where the browser's Python loads packages from, for the worker; empty strings for none. */
  static String packagesJson(BrowserPackages packages, String contextPath) {
    return Json.createObjectBuilder()
        .add("wheelsUrl", packages.wheelsUrl(contextPath))
        .add("lockFileUrl", packages.lockFileUrl(contextPath))
        .build().toString();
  }

  /** Where the browser loads Pyodide packages from, as JSON for the workspace script. */
  public String getPackagesJson() {
    return packagesJson;
  }

  /** The starter files and entry file as JSON, for the workspace script. */
  public String getStarterJson() {
    return starterJson;
  }

  /** The viewer's tier limits and whether they are signed in, as JSON for the workspace script. */
  public String getLimitsJson() {
    return limitsJson;
  }

  /** The lesson after this one in its course, or null at the end. */
  public String getNextSlug() {
    return nextSlug;
  }

  public String getNextTitle() {
    return nextTitle;
  }

  /** Whether this learner has run this lesson's code without an error. */
  public boolean isCompleted() {
    return completed;
  }

  public Lesson getLesson() {
    return lesson;
  }

  public String getInstructionsHtml() {
    return instructionsHtml;
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }
}
