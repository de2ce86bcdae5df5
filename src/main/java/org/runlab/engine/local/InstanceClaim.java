package org.runlab.engine.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One engine instance's share of a work root that several instances on a host may use at once:
 * the directory {@code <root>/<name>/} for its sandboxes and assets, and the lock file {@code
 * <root>/<name>.lock} it holds (an fcntl lock) for as long as it lives. The kernel drops the lock
 * when the process dies, however it dies, so a free lock means a dead owner. The file also names
 * the owner's pid and start time, for operators and for file systems without locks.
 */
final class InstanceClaim implements AutoCloseable {
  static final String LOCK_SUFFIX = ".lock";
  /**
   * Lock files this JVM holds. An fcntl lock is the process's, and closing any descriptor of the
   * file drops it, so this JVM never opens (nor reads) a lock file it holds except by its channel.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path root;
  private final String name;
  private FileChannel channel;

  private InstanceClaim(Path root, String name, FileChannel channel) {
    this.root = root;
    this.name = name;
    this.channel = channel;
  }

  /**
   * Takes {@code name} under {@code root}, making its directory.
   *
   * @throws IOException naming the living owner when another instance holds the name
   */
  static InstanceClaim take(Path root, String name) throws IOException {
    InstanceClaim claim = new InstanceClaim(root, name, lock(root.resolve(name + LOCK_SUFFIX), name));
    claim.makeDirectory();
    return claim;
  }

  private static FileChannel lock(Path lockFile, String name) throws IOException {
    if (!HELD.add(lockFile.toAbsolutePath())) {
      throw new IOException("instance '" + name + "' already runs on this work root (in this process, pid "
          + ProcessHandle.current().pid() + "); give each instance its own runlab.local.instance");
    }
    try {
      return lockHeldAdded(lockFile, name);
    } catch (IOException | RuntimeException e) {
      HELD.remove(lockFile.toAbsolutePath());
      throw e;
    }
  }

  private static FileChannel lockHeldAdded(Path lockFile, String name) throws IOException {
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    } catch (IOException unsupported) {
      lock = Owner.read(lockFile).filter(Owner::alive).isPresent() ? null : channel.lock();
    }
    if (lock == null) {
      channel.close();
      throw new IOException("instance '" + name + "' already runs on this work root ("
          + Owner.read(lockFile).map(Owner::toString).orElse("owner unknown") + "); give each instance its own"
          + " runlab.local.instance");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(Owner.self().line().getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(true);
    return channel;
  }

  private void makeDirectory() throws IOException {
    Files.createDirectories(dir());
    Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwx--x--x"));
  }

  String name() {
    return name;
  }

  /** Where this instance's sandboxes and assets live. */
  Path dir() {
    return root.resolve(name);
  }

  Path lockFile() {
    return root.resolve(name + LOCK_SUFFIX);
  }

  /** Both the directory and the lock file are still there (someone may have removed them). */
  boolean intact() {
    return Files.isDirectory(dir()) && Files.exists(lockFile());
  }

  /** Makes the work root, this instance's directory and lock file again where they were removed. */
  synchronized void restore() throws IOException {
    Files.createDirectories(root);
    if (!Files.exists(lockFile())) {
      // The old file is gone (another inode), so closing its channel cannot drop the new lock.
      HELD.remove(lockFile().toAbsolutePath());
      channel.close();
      channel = lock(lockFile(), name);
    }
    makeDirectory();
  }

  /** Removes this instance's directory and lock file, then lets the name go. */
  @Override
  public synchronized void close() {
    SandboxProcess.deleteTree(dir());
    try {
      Files.deleteIfExists(lockFile());
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    } finally {
      HELD.remove(lockFile().toAbsolutePath());
    }
  }

  /**
   * The names of instances under {@code root} whose owner is no longer alive, each locked for the
   * caller until it calls {@link Dead#close} (so two instances starting at once do not both sweep).
   */
  static List<Dead> dead(Path root) throws IOException {
    List<Dead> dead = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(LOCK_SUFFIX) || !Files.isRegularFile(file)) {
          continue;
        }
        String name = fileName.substring(0, fileName.length() - LOCK_SUFFIX.length());
        if (!HELD.add(file.toAbsolutePath())) {
          continue; // this JVM's own instance: alive, and opening its file would drop its lock
        }
        try {
          FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
          if (heldElsewhere(channel, file)) {
            channel.close();
            HELD.remove(file.toAbsolutePath());
          } else {
            dead.add(new Dead(root, name, channel));
          }
        } catch (NoSuchFileException gone) {
          HELD.remove(file.toAbsolutePath()); // its owner closed meanwhile
        }
      }
    }
    return dead;
  }

  private static boolean heldElsewhere(FileChannel channel, Path file) throws IOException {
    try {
      return channel.tryLock() == null;
    } catch (OverlappingFileLockException sameJvm) {
      return true;
    } catch (IOException unsupported) {
      return Owner.read(file).filter(Owner::alive).isPresent();
    }
  }

  /** A dead instance's leftovers, locked by the sweeper. */
  static final class Dead implements AutoCloseable {
    private final InstanceClaim claim;

    private Dead(Path root, String name, FileChannel channel) {
      this.claim = new InstanceClaim(root, name, channel);
    }

    String name() {
      return claim.name();
    }

    Path dir() {
      return claim.dir();
    }

    /** Deletes its directory and lock file and lets the lock go. */
    @Override
    public void close() {
      claim.close();
    }
  }

  /**
   * A process by pid and start time (clock ticks after boot, from {@code /proc/<pid>/stat}), so a
   * pid the kernel gave to another process since is not taken for the owner.
   */
  record Owner(long pid, long startTicks) {
    static Owner self() {
      long pid = ProcessHandle.current().pid();
      return new Owner(pid, startTicks(pid).orElse(0));
    }

    static java.util.Optional<Owner> read(Path lockFile) {
      try {
        String[] parts = Files.readString(lockFile, StandardCharsets.US_ASCII).trim().split("\\s+");
        return java.util.Optional.of(new Owner(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
      } catch (IOException | RuntimeException unreadable) {
        return java.util.Optional.empty();
      }
    }

    boolean alive() {
      return startTicks(pid).equals(OptionalLong.of(startTicks));
    }

    String line() {
      return pid + " " + startTicks + "\n";
    }

    @Override
    public String toString() {
      return "pid " + pid + ", started at tick " + startTicks + (alive() ? "" : ", no longer running");
    }

    /** Field 22 of /proc/<pid>/stat; the fields are counted after the command, which may hold spaces. */
    static OptionalLong startTicks(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return OptionalLong.of(Long.parseLong(after[19]));
      } catch (IOException | RuntimeException gone) {
        return OptionalLong.empty();
      }
    }
  }
}
