package org.runlab.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.faces.model.SelectItem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.runlab.course.Course;
import org.runlab.course.CourseAuthoring;
import org.runlab.course.EnvironmentCatalog;
import org.runlab.course.EnvironmentRules;
import org.runlab.course.Lesson;
import org.runlab.course.LessonEnvironment;
import org.runlab.execution.EnvironmentBuilds;

/**
 * Environments: named requirements sets (built once into the local engine's cache) and E2B
 * templates that lessons carry, so their runs install nothing. Create, edit, delete (not while a
 * lesson carries it), build and read the build log, and attach one to a lesson. A refusal is shown
 * beside its field and the form keeps what was typed.
 */
@Named
@ViewScoped
public class EnvironmentsPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient EnvironmentCatalog catalog;
  @Inject private transient EnvironmentBuilds builds;
  @Inject private transient CourseAuthoring authoring;
  @Inject private transient Console console;

  private transient List<LessonEnvironment> environments;

  private boolean editing;
  private Long environmentId;
  private String name;
  private String description;
  private String requirements;
  private String template;

  private Long logId;

  private String lesson;
  private Long attachId;

  public List<LessonEnvironment> getEnvironments() {
    if (environments == null) {
      environments = catalog.all();
    }
    return environments;
  }

  /** The lessons carrying environment {@code id}, for the list. */
  public String lessonsUsing(long id) {
    List<String> slugs = catalog.lessonsUsing(id);
    return slugs.isEmpty() ? "no lesson" : String.join(", ", slugs);
  }

  /** Every lesson, as "Course: Lesson (its environment)", for the attach form. */
  public List<SelectItem> getLessonChoices() {
    List<SelectItem> items = new ArrayList<>();
    for (Course c : authoring.allCourses()) {
      for (Lesson l : c.getLessons()) {
        items.add(new SelectItem(l.getSlug(), c.getTitle() + ": " + l.getTitle() + " ("
            + (l.getEnvironment() == null ? "no environment" : l.getEnvironment().getName()) + ")"));
      }
    }
    return items;
  }

  public void newEnvironment() {
    editing = true;
    environmentId = null;
    name = "";
    description = "";
    requirements = "";
    template = "";
  }

  public void edit(long id) {
    catalog.find(id).ifPresent(e -> {
      editing = true;
      environmentId = e.getId();
      name = e.getName();
      description = e.getDescription();
      requirements = e.getRequirements();
      template = e.getE2bTemplate();
    });
  }

  public void save() {
    EnvironmentRules.Draft d = new EnvironmentRules.Draft(name, description, requirements, template);
    Long id = environmentId;
    boolean ok = console.act(() -> {
      if (id == null) {
        environmentId = catalog.create(d, console.actor()).getId();
      } else {
        catalog.update(id, d, console.actor());
      }
    }, () -> "Environment '" + name.strip() + "' saved." + (requirements == null || requirements.isBlank() ? ""
        : " Build it so lessons that carry it start without installing."), "env-");
    if (ok) {
      editing = false;
      environments = null;
    }
  }

  public void cancel() {
    editing = false;
  }

  public void delete(long id) {
    console.act(() -> catalog.delete(id, console.actor()), () -> "Environment deleted.");
    environments = null;
  }

  public void build(long id) {
    console.act(() -> builds.build(id, console.actor()), () -> "Building: the list shows when it is ready.");
    environments = null;
  }

  public void refresh() {
    environments = null;
  }

  public void showLog(long id) {
    logId = logId != null && logId == id ? null : id;
  }

  /** The build log shown, or null. */
  public LessonEnvironment getLogEnvironment() {
    return logId == null ? null : catalog.find(logId).orElse(null);
  }

  public void attach() {
    String slug = lesson;
    Long id = attachId;
    console.act(() -> catalog.attach(slug, id, console.actor()),
        () -> id == null ? "The lesson '" + slug + "' now runs without an environment."
            : "The lesson '" + slug + "' now runs with its environment.", "attach-");
    environments = null;
  }

  // --- properties ---

  public boolean isEditing() {
    return editing;
  }

  public Long getEnvironmentId() {
    return environmentId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getRequirements() {
    return requirements;
  }

  public void setRequirements(String requirements) {
    this.requirements = requirements;
  }

  public String getTemplate() {
    return template;
  }

  public void setTemplate(String template) {
    this.template = template;
  }

  public String getLesson() {
    return lesson;
  }

  public void setLesson(String lesson) {
    this.lesson = lesson;
  }

  public Long getAttachId() {
    return attachId;
  }

  public void setAttachId(Long attachId) {
    this.attachId = attachId;
  }
}
