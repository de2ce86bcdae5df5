package org.runlab.engine.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Environment layers: the packages a set of requirements installs from the operator's
 * wheelhouse, each in a directory named by the hash of its normalised requirements, bound
 * read-only into the sandboxes of every run that needs them. Built once per hash (a second run
 * asking for the same set while it builds waits for that build), kept while a run or session holds
 * them, and removed least recently used first beyond the cache size. Thread-safe.
 */
public final class EnvironmentLayers implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EnvironmentLayers.class.getName());
  static final String DIR = "environments";

  private final LocalEngineSettings settings;
  private final String pythonVersion;
  private final LayerInstall install;
  private final Path root;
  /** Built layers in least-recently-used-first order; guarded by this. */
  private final LinkedHashMap<String, Entry> built = new LinkedHashMap<>(16, 0.75f, true);
  /** Builds in progress, so one hash is built once; guarded by this. */
  private final Map<String, CompletableFuture<Entry>> building = new HashMap<>();

  /** A cached layer as the console shows it. */
  public record CachedLayer(String key, String requirements, long bytes, Instant lastUsed, int users) {}

  private static final class Entry {
    final String key;
    final String requirements;
    final Path dir;
    final long bytes;
    Instant lastUsed = Instant.now();
    int users;

    Entry(String key, String requirements, Path dir, long bytes) {
      this.key = key;
      this.requirements = requirements;
      this.dir = dir;
      this.bytes = bytes;
    }
  }

  /** The layers of one engine instance, kept under its own directory {@code instanceDir}. */
  EnvironmentLayers(LocalEngineSettings settings, Path instanceDir, Cgroups cgroups, SandboxAssets assets,
      String pythonVersion) throws IOException {
    this.settings = settings;
    this.pythonVersion = pythonVersion;
    this.root = instanceDir.resolve(DIR);
    if (Files.exists(root)) {
      SandboxProcess.deleteTree(root); // layers are not trusted across restarts of the engine
    }
    Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    this.install = new LayerInstall(settings, cgroups, assets);
  }

  /** Whether requirements install from a wheelhouse here (else they are only checked). */
  public boolean installs() {
    return settings.hasWheelhouse();
  }

  /**
   * The layer for {@code requirements}, from the cache or built now within {@code limit},
   * reporting progress ("Installing 3 packages…") to {@code progress}. The caller holds the layer
   * (it is not evicted) until it closes it.
   *
   * @throws InstallFailed with one message per bad line, or when installing takes longer than
   *     {@code limit}
   * @throws IllegalStateException when no wheelhouse is configured or the requirements are empty
   */
  public Layer ensure(String requirements, Duration limit, Consumer<String> progress)
      throws InstallFailed, InterruptedException {
    if (!installs()) {
      throw new IllegalStateException("no wheelhouse is configured (runlab.local.wheelhouse)");
    }
    RequirementLines lines = RequirementLines.parse(requirements);
    if (!lines.problems().isEmpty()) {
      throw new InstallFailed(lines.problems(), false);
    }
    if (lines.isEmpty()) {
      throw new IllegalStateException("no requirements to install");
    }
    String key = lines.key(pythonVersion);
    long deadline = System.nanoTime() + limit.toNanos();
    CompletableFuture<Entry> mine = null;
    CompletableFuture<Entry> theirs;
    synchronized (this) {
      Entry cached = built.get(key);
      if (cached != null) {
        return hold(cached);
      }
      theirs = building.get(key);
      if (theirs == null) {
        mine = new CompletableFuture<>();
        building.put(key, mine);
      }
    }
    if (mine != null) {
      return build(key, lines, limit, progress, mine);
    }
    progress.accept("Waiting for the same packages, being installed for another run…");
    return await(key, theirs, deadline, limit);
  }

  private Layer build(String key, RequirementLines lines, Duration limit, Consumer<String> progress,
      CompletableFuture<Entry> mine) throws InstallFailed, InterruptedException {
    int count = lines.requirements().size();
    progress.accept("Installing " + count + (count == 1 ? " package…" : " packages…"));
    Path target = root.resolve(key + ".building-" + UUID.randomUUID());
    try {
      install.into(target, lines, limit, progress);
      Path dir = root.resolve(key);
      Files.move(target, dir, StandardCopyOption.ATOMIC_MOVE);
      Entry entry = new Entry(key, lines.normalisedText(), dir, size(dir));
      Layer layer;
      synchronized (this) {
        built.put(key, entry);
        building.remove(key);
        layer = hold(entry);
        evictBeyondCap();
      }
      mine.complete(entry);
      progress.accept("Installed " + count + (count == 1 ? " package." : " packages."));
      return layer;
    } catch (InstallFailed | InterruptedException | RuntimeException e) {
      fail(key, mine, e);
      throw e;
    } catch (IOException e) {
      fail(key, mine, e);
      throw new IllegalStateException("could not build the environment layer: " + e.getMessage(), e);
    } finally {
      SandboxProcess.deleteTree(target);
    }
  }

  private void fail(String key, CompletableFuture<Entry> mine, Exception e) {
    synchronized (this) {
      building.remove(key);
    }
    mine.completeExceptionally(e);
  }

  private Layer await(String key, CompletableFuture<Entry> theirs, long deadline, Duration limit)
      throws InstallFailed, InterruptedException {
    try {
      theirs.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw InstallFailed.tookTooLong(limit);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InstallFailed failed) {
        throw new InstallFailed(failed.problems(), failed.timedOut());
      }
      throw new IllegalStateException("the environment layer could not be built", e.getCause());
    }
    synchronized (this) {
      Entry entry = built.get(key);
      if (entry == null) {
        throw new IllegalStateException("the environment layer was removed before it could be used");
      }
      return hold(entry);
    }
  }

  /** Marks {@code entry} used by one more holder; called while synchronized. */
  private Layer hold(Entry entry) {
    entry.users++;
    entry.lastUsed = Instant.now();
    return new Layer(this, entry);
  }

  private synchronized void release(Entry entry) {
    entry.users--;
    entry.lastUsed = Instant.now();
    built.get(entry.key); // counts as a use for the LRU order
    evictBeyondCap();
  }

  /** Removes the least recently used layers nobody holds until the rest fit the cache size. */
  private void evictBeyondCap() {
    long total = built.values().stream().mapToLong(e -> e.bytes).sum();
    Iterator<Entry> lru = built.values().iterator();
    while (total > settings.environmentCacheBytes() && lru.hasNext()) {
      Entry e = lru.next();
      if (e.users == 0) {
        lru.remove();
        total -= e.bytes;
        SandboxProcess.deleteTree(e.dir);
        LOG.info("environment layer " + e.key + " evicted (" + (e.bytes >> 10) + " KiB)");
      }
    }
  }

  /** The cached layers, least recently used first. */
  public synchronized List<CachedLayer> cached() {
    List<CachedLayer> list = new ArrayList<>();
    for (Entry e : built.values()) {
      list.add(new CachedLayer(e.key, e.requirements, e.bytes, e.lastUsed, e.users));
    }
    return list;
  }

  /** Whether the layer of {@code requirements} is built and cached now. */
  public synchronized boolean isCached(String requirements) {
    RequirementLines lines = RequirementLines.parse(requirements);
    return lines.problems().isEmpty() && !lines.isEmpty() && built.containsKey(lines.key(pythonVersion));
  }

  /** Removes every layer. */
  @Override
  public synchronized void close() {
    built.clear();
    SandboxProcess.deleteTree(root);
  }

  private static long size(Path dir) throws IOException {
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        total[0] += attrs.size();
        return FileVisitResult.CONTINUE;
      }
    });
    return total[0];
  }

  /** A held layer: bound into sandboxes while held, never evicted until every holder closes it. */
  public static final class Layer implements AutoCloseable {
    private final EnvironmentLayers owner;
    private final Entry entry;
    private boolean closed;

    private Layer(EnvironmentLayers owner, Entry entry) {
      this.owner = owner;
      this.entry = entry;
    }

    /** The hash of the normalised requirements that names the layer. */
    public String key() {
      return entry.key;
    }

    /** How much the installed packages take. */
    public long bytes() {
      return entry.bytes;
    }

    Path dir() {
      return entry.dir;
    }

    /** Another hold on the same layer (a session keeping it after the run's own hold ends). */
    Layer again() {
      synchronized (owner) {
        return owner.hold(entry);
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        owner.release(entry);
      }
    }
  }
}
