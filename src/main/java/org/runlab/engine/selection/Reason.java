package org.runlab.engine.selection;

import java.util.Objects;

/** One reason for a selection: a code for machines and a sentence for the learner. */
public record Reason(ReasonCode code, String text) {
  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
  }
}
