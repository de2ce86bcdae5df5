package org.runlab.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.runlab.platform.audit.AuditEntry;
import org.runlab.platform.audit.AuditLog;

/** The audit log: every change made in the console, newest first, searchable. */
@Named
@ViewScoped
public class AuditPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient AuditLog audit;

  private String text;
  private PagedModel<AuditEntry> model;

  @PostConstruct
  void init() {
    model = new PagedModel<>(new PagedModel.Pager<>() {
      @Override
      public List<AuditEntry> page(int first, int max, String field, boolean ascending) {
        return audit.page(text, first, max);
      }

      @Override
      public long count() {
        return audit.count(text);
      }
    }, a -> String.valueOf(a.getId()));
  }

  public void find() {
    // the table reloads with the new text
  }

  public PagedModel<AuditEntry> getModel() {
    return model;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }
}
