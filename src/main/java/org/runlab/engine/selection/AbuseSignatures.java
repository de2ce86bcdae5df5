package org.runlab.engine.selection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signs of crypto-mining or fork bombs in text: mining-pool URL schemes, pool host names, miner
 * program names. Read from {@code abuse-signatures.txt} ("kind text" lines).
 */
final class AbuseSignatures {
  private record Signature(String kind, String text) {}

  private final List<Signature> signatures;

  private AbuseSignatures(List<Signature> signatures) {
    this.signatures = List.copyOf(signatures);
  }

  static AbuseSignatures fromClasspath() {
    InputStream in = AbuseSignatures.class.getResourceAsStream("abuse-signatures.txt");
    if (in == null) {
      throw new IllegalStateException("abuse-signatures.txt is missing from the classpath");
    }
    List<Signature> list = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          String[] parts = l.split("\\s+", 2);
          list.add(new Signature(parts[0], parts[1].toLowerCase(Locale.ROOT)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AbuseSignatures(list);
  }

  /** What in {@code text} looks like abuse, in plain words; empty when nothing does. */
  List<String> find(String text) {
    List<String> found = null;
    String lower = null;
    for (Signature s : signatures) {
      if (lower == null) {
        lower = text.toLowerCase(Locale.ROOT);
      }
      int at = lower.indexOf(s.text());
      if (at < 0 || s.kind().equals("miner") && !wholeWord(lower, at, s.text().length())) {
        continue;
      }
      if (found == null) {
        found = new ArrayList<>(1);
      }
      found.add(switch (s.kind()) {
        case "scheme" -> "connects to a mining pool (" + s.text() + ")";
        case "pool" -> "names the mining pool " + s.text();
        case "miner" -> "names the mining program " + s.text();
        default -> "contains a fork bomb";
      });
    }
    return found == null ? List.of() : found;
  }

  private static boolean wholeWord(String text, int at, int length) {
    boolean before = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
    int end = at + length;
    boolean after = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
    return before && after;
  }
}
