package org.runlab.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import org.runlab.course.CourseCatalog;
import org.runlab.course.Lesson;
import org.runlab.course.MarkdownRenderer;

/** A lesson page: instructions rendered from Markdown, starter files. */
@Named
@ViewScoped
public class LessonPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient CourseCatalog catalog;

  private String slug;
  private transient Lesson lesson;
  private String instructionsHtml;

  /** Loads the lesson named by the {@code l} parameter, answering 404 when there is none. */
  public void load() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces.isPostback()) {
      return;
    }
    lesson = catalog.lesson(slug).orElse(null);
    if (lesson == null) {
      ExternalContext ext = faces.getExternalContext();
      ext.responseSendError(404, "No such lesson");
      faces.responseComplete();
      return;
    }
    instructionsHtml = MarkdownRenderer.toSafeHtml(lesson.getInstructions());
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
