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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.runlab.engine.OutputFile;
import org.runlab.engine.ProjectFile;

/**
 * Moves files across the sandbox wall: the learner's files in before a run, and the files the
 * program wrote anywhere in its work directory back out after it. Links are never followed in either direction,
 * so a planted symlink cannot make the engine (root) read or write a host file.
 */
final class WorkFiles {
  static final String OUT = "out";
  private WorkFiles() {}

  /** Writes the (already validated) files, plus an empty out/, owned by the sandbox user. */
  static void writeProject(Path workDir, List<ProjectFile> files, int uid) throws IOException {
    if (!Files.isDirectory(workDir.resolve(OUT), LinkOption.NOFOLLOW_LINKS)) {
      own(Files.createDirectory(workDir.resolve(OUT)), uid);
    }
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

  /**
   * Writes the files a learner's session kept from earlier runs, owned by the sandbox user; a
   * file of the project itself is left as the learner sent it.
   */
  static void restore(Path workDir, Map<String, byte[]> kept, int uid) throws IOException {
    for (Map.Entry<String, byte[]> file : kept.entrySet()) {
      Path target = workDir.resolve(file.getKey()).normalize();
      if (!target.startsWith(workDir) || target.equals(workDir)
          || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      for (Path dir = workDir; !dir.equals(target.getParent()); ) {
        dir = dir.resolve(target.getParent().getName(dir.getNameCount()));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          own(Files.createDirectory(dir), uid);
        }
      }
      Files.write(target, file.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      own(target, uid);
    }
  }

  private static Path own(Path path, int uid) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    return path;
  }

  /**
   * The regular files the program wrote anywhere in the work directory (new ones, and project
   * files it changed), within the count and size bounds, with notices for what was left.
   */
  static Collected collectWritten(Path workDir, List<ProjectFile> project, int maxCount, long maxFileBytes,
      long maxTotalBytes) throws IOException {
    return collectWritten(workDir, project, Map.of(), maxCount, maxFileBytes, maxTotalBytes);
  }

  /** As above, also leaving out the files a session restored that the program did not change. */
  static Collected collectWritten(Path workDir, List<ProjectFile> project, Map<String, byte[]> restored,
      int maxCount, long maxFileBytes, long maxTotalBytes) throws IOException {
    Map<String, byte[]> given = new HashMap<>(restored);
    for (ProjectFile f : project) {
      given.put(f.path(), f.content().getBytes(StandardCharsets.UTF_8));
    }
    List<OutputFile> files = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    long[] total = {0};
    int[] overCount = {0};
    int[] unlisted = {0};
    Files.walkFileTree(
        workDir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.getFileName().toString().equals("__pycache__")
                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = workDir.relativize(file).toString();
            String skipped = null;
            if (!attrs.isRegularFile()) {
              skipped = name + " was not returned: only regular files are (no links).";
            } else if (given.containsKey(name) && attrs.size() == given.get(name).length
                && Arrays.equals(readNoFollow(file, attrs.size()), given.get(name))) {
              return FileVisitResult.CONTINUE; // the learner's own file, unchanged
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
      notices.add(unlisted[0] + " more links or oversized files were not returned.");
    }
    if (overCount[0] > 0) {
      notices.add(overCount[0] + " more files the program wrote were not returned: at most " + maxCount
          + " files are.");
    }
    files.sort(java.util.Comparator.comparing(OutputFile::path));
    return new Collected(files, notices);
  }

  static byte[] readNoFollow(Path file, long max) throws IOException {
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes((int) max);
    }
  }

  static String mediaType(String name) {
    return OutputFile.mediaTypeOf(name);
  }

  /** Returned files and notes about the ones left behind. */
  record Collected(List<OutputFile> files, List<String> notices) {}
}
