package org.runlab.engine.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads package names from a {@code requirements.txt} (versions, markers and options dropped). */
final class Requirements {
  private Requirements() {}

  static List<String> parse(String text) {
    List<String> names = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("-")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end))
          || line.charAt(end) == '-' || line.charAt(end) == '_' || line.charAt(end) == '.')) {
        end++;
      }
      if (end > 0) {
        names.add(line.substring(0, end).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
