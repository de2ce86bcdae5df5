package org.runlab.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.runlab.engine.OutputFile;
import org.runlab.engine.ProjectFile;

/**
 * Moves files across the sandbox wall: the learner's files in before a run, and the files the
 * program wrote under {@code out/} back out after it. Links are never followed in either direction,
 * so a planted symlink cannot make the engine (root) read or write a host file.
 */
final class WorkFiles {
  static final String OUT = "out";
  private static final Map<String, String> MEDIA_TYPES =
      Map.ofEntries(
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("csv", "text/csv"),
          Map.entry("json", "application/json"),
          Map.entry("html", "text/html"),
          Map.entry("txt", "text/plain"),
          Map.entry("md", "text/markdown"));

  private WorkFiles() {}

  /** Writes the (already validated) files, plus an empty out/, owned by the sandbox user. */
  static void writeProject(Path workDir, List<ProjectFile> files, int uid) throws IOException {
    own(Files.createDirectory(workDir.resolve(OUT)), uid);
    for (ProjectFile file : files) {
      Path target = workDir.resolve(file.path()).normalize();
      if (!target.startsWith(workDir)) {
        throw new IOException("refusing to write outside the work directory: " + file.path());
      }
      for (Path dir = workDir; !dir.equals(target.getParent()); ) {
        dir = dir.resolve(target.getParent().getName(dir.getNameCount()));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          own(Files.createDirectory(dir), uid);
        }
      }
      Files.writeString(
          target, file.content(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      own(target, uid);
    }
  }

  private static Path own(Path path, int uid) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    return path;
  }

  /** The regular files under out/, within the count and size bounds; notices for what was left. */
  static Collected collectOut(Path workDir, int maxCount, long maxFileBytes, long maxTotalBytes)
      throws IOException {
    Path out = workDir.resolve(OUT);
    List<OutputFile> files = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      return new Collected(files, notices);
    }
    long[] total = {0};
    int[] overCount = {0};
    int[] unlisted = {0};
    Files.walkFileTree(
        out,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = workDir.relativize(file).toString();
            String skipped = null;
            if (!attrs.isRegularFile()) {
              skipped = name + " was not returned: only regular files are (no links).";
            } else if (files.size() >= maxCount) {
              overCount[0]++;
            } else if (attrs.size() > maxFileBytes || total[0] + attrs.size() > maxTotalBytes) {
              skipped = name + " was not returned: larger than the output file allowance.";
            } else {
              byte[] content = readNoFollow(file, maxFileBytes);
              total[0] += content.length;
              files.add(new OutputFile(name, mediaType(name), content));
            }
            if (skipped != null && notices.size() < maxCount) {
              notices.add(skipped);
            } else if (skipped != null) {
              unlisted[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
          }
        });
    if (unlisted[0] > 0) {
      notices.add(unlisted[0] + " more links or oversized files under out/ were not returned.");
    }
    if (overCount[0] > 0) {
      notices.add(overCount[0] + " more files under out/ were not returned: at most " + maxCount
          + " output files are.");
    }
    return new Collected(files, notices);
  }

  static byte[] readNoFollow(Path file, long max) throws IOException {
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes((int) max);
    }
  }

  static String mediaType(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return MEDIA_TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** Returned files and notes about the ones left behind. */
  record Collected(List<OutputFile> files, List<String> notices) {}
}
