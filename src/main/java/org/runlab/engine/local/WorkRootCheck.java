package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an instance's work directory can take a run's files: it can be written and has room.
 * A full or read-only work root makes every run fail at its first file, so it is found here (and
 * from the error of a run that hit it) and named, rather than shown as a sandbox failure.
 */
final class WorkRootCheck {
  private static final String PROBE = ".write-probe";

  private WorkRootCheck() {}

  /** What keeps {@code dir} from taking runs now, or empty when it can. */
  static Optional<Trouble> of(Path dir, long minFreeBytes) {
    try {
      long free = Files.getFileStore(dir).getUsableSpace();
      if (free < minFreeBytes) {
        return Optional.of(full(dir, free / 1024 + " KiB free, runlab.local.min-free-bytes is " + minFreeBytes));
      }
      Path probe = dir.resolve(PROBE);
      Files.write(probe, new byte[] {1});
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(of(dir, e).orElse(
          new Trouble("cannot use its work directory", dir + ": " + e.getMessage())));
    }
  }

  /** The trouble a run's I/O error shows when it is the work root's fault, else empty. */
  static Optional<Trouble> of(Path dir, IOException e) {
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (lower.contains("no space left") || lower.contains("quota exceeded")) {
      return Optional.of(full(dir, reason));
    }
    if (lower.contains("read-only file system") || e instanceof AccessDeniedException
        || lower.contains("permission denied")) {
      return Optional.of(new Trouble("cannot write its work directory", dir + ": " + reason));
    }
    return Optional.empty();
  }

  private static Trouble full(Path dir, String detail) {
    return new Trouble("has no disk space left", dir + ": " + detail);
  }
}
