package org.runlab.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.runlab.account.Tier;
import org.runlab.engine.Cancellation;
import org.runlab.engine.EngineId;
import org.runlab.engine.Limits;
import org.runlab.engine.OutputSink;
import org.runlab.engine.ProgramInput;
import org.runlab.engine.RunSpec;
import org.runlab.engine.selection.Reason;
import org.runlab.engine.selection.SelectionContext;
import org.runlab.platform.JsonFactory;
import org.runlab.quota.QuotaTicket;

/**
 * A server run while it is queued or running, and shortly after: its events (replayed to late
 * subscribers), its cancellation, and its result once there is one.
 */
public final class LiveRun implements OutputSink {
  /** Output events kept for replay beyond this many characters are dropped (engines cap output). */
  private static final int MAX_REPLAY_CHARS = 1 << 20;

  private final UUID id;
  private final String ownerKey;
  private final RunSpec spec;
  private final List<Reason> reasons;
  private final SelectionContext context;
  private final Cancellation cancellation = new Cancellation();
  private final CompletableFuture<RunView> done = new CompletableFuture<>();
  private final List<RunEvent> events = new ArrayList<>();
  private final List<Consumer<RunEvent>> listeners = new ArrayList<>();
  private int replayChars;
  private volatile EngineId engine;
  private volatile RunState state = RunState.QUEUED;
  private volatile long finishedAtMillis;
  private volatile Instant startedAt;
  private volatile Tier tier = Tier.ANONYMOUS;
  private final AtomicReference<QuotaTicket> ticket = new AtomicReference<>();
  private final Instant admittedAt = Instant.now();
  private volatile LiveInput input;
  private volatile Limits ranWith;
  private volatile String lessonSlug;

  /**
   * A run admitted for {@code engine}, decided in {@code context} for {@code reasons}; the
   * context is asked again if the engine cannot run it.
   */
  LiveRun(UUID id, String ownerKey, RunSpec spec, EngineId engine, List<Reason> reasons, SelectionContext context) {
    this.id = id;
    this.ownerKey = ownerKey;
    this.spec = spec;
    this.engine = engine;
    this.reasons = List.copyOf(reasons);
    this.context = context;
  }

  public UUID id() {
    return id;
  }

  public String ownerKey() {
    return ownerKey;
  }

  public RunSpec spec() {
    return spec;
  }

  /** The lesson it is a run of, or null. */
  String lessonSlug() {
    return lessonSlug;
  }

  void forLesson(String slug) {
    lessonSlug = slug;
  }

  /** Lets the learner send input while it runs, within {@code settings}. */
  void takesInput(InputSettings settings) {
    input = new LiveInput(ProgramInput.interactive(), settings,
        spec.stdin().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  /** The program's input while it runs: only the spec's stdin unless it {@link #takesInput}. */
  ProgramInput input() {
    LiveInput i = input;
    return i == null ? ProgramInput.none() : i.input();
  }

  /** Sends what the learner typed to the running program (and ends its input, if {@code eof}). */
  public void send(String text, boolean eof, InputSettings settings) {
    LiveInput i = input;
    (i == null ? new LiveInput(ProgramInput.none(), settings, 0) : i)
        .send(text, eof, engine, state == RunState.FINISHED);
  }

  /** The limits the engine ran it under (the budget may have cut its wall time), once it started. */
  Limits ranWith() {
    return ranWith == null ? spec.limits() : ranWith;
  }

  void ranWith(Limits limits) {
    ranWith = limits;
  }

  /** The engine it was admitted for, or is running on. */
  public EngineId engine() {
    return engine;
  }

  /** What selection knew when it decided where this run goes. */
  SelectionContext context() {
    return context;
  }

  public List<Reason> reasons() {
    return reasons;
  }

  public RunState state() {
    return state;
  }

  public Cancellation cancellation() {
    return cancellation;
  }

  public CompletableFuture<RunView> done() {
    return done;
  }

  long finishedAtMillis() {
    return finishedAtMillis;
  }

  void queuedAt(int position) {
    emit(new RunEvent("queued", JsonFactory.JSON.createObjectBuilder()
        .add("id", id.toString()).add("position", position).build().toString()));
  }

  /** The tier the run was admitted under, and its quota ticket (null: no quota). */
  void admitted(Tier admittedTier, QuotaTicket quotaTicket) {
    tier = admittedTier;
    ticket.set(quotaTicket);
  }

  Tier tier() {
    return tier;
  }

  QuotaTicket ticket() {
    return ticket.get();
  }

  /** The ticket, once: settling a run's quota happens a single time. */
  QuotaTicket takeTicket() {
    return ticket.getAndSet(null);
  }

  Instant startedAt() {
    return startedAt;
  }

  /** When it was admitted. */
  public Instant admittedAt() {
    return admittedAt;
  }

  /** How long it has waited for an engine (all of its life while still queued). */
  Duration queuedFor() {
    Instant end = startedAt == null ? Instant.now() : startedAt;
    return Duration.between(admittedAt, end);
  }

  void started(EngineId on) {
    if (startedAt == null) {
      startedAt = Instant.now();
    }
    engine = on;
    state = RunState.RUNNING;
    emit(new RunEvent("started", JsonFactory.JSON.createObjectBuilder()
        .add("id", id.toString()).add("engine", on.id()).build().toString()));
  }

  void notice(String text) {
    emit(new RunEvent("notice", JsonFactory.JSON.createObjectBuilder().add("text", text).build().toString()));
  }

  void finish(RunView view) {
    state = RunState.FINISHED;
    input().close();
    finishedAtMillis = System.currentTimeMillis();
    emit(new RunEvent("result", view.toJson().toString()));
    done.complete(view);
  }

  @Override
  public void stdout(String chunk) {
    output("stdout", chunk);
  }

  @Override
  public void stderr(String chunk) {
    output("stderr", chunk);
  }

  /** What the engine does before the program starts (installing packages): a "progress" event. */
  @Override
  public void progress(String line) {
    output("progress", line);
  }

  /** The program waits for input: the page asks the learner (an "input" event). */
  @Override
  public void awaitingInput() {
    emit(new RunEvent("input", JsonFactory.JSON.createObjectBuilder().add("id", id.toString()).build().toString()));
  }

  private void output(String stream, String chunk) {
    emit(new RunEvent(stream, JsonFactory.JSON.createObjectBuilder().add("text", chunk).build().toString()));
  }

  /** Replays every event so far to {@code listener}, then delivers the rest as they happen. */
  public synchronized void subscribe(Consumer<RunEvent> listener) {
    events.forEach(listener);
    if (state != RunState.FINISHED) {
      listeners.add(listener);
    }
  }

  public synchronized void unsubscribe(Consumer<RunEvent> listener) {
    listeners.remove(listener);
  }

  private synchronized void emit(RunEvent event) {
    boolean output = event.name().startsWith("std");
    if (!output || replayChars < MAX_REPLAY_CHARS) {
      events.add(event);
      if (output) {
        replayChars += event.data().length();
      }
    }
    for (Consumer<RunEvent> l : List.copyOf(listeners)) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        listeners.remove(l);
      }
    }
    if (event.isFinal()) {
      listeners.clear();
    }
  }
}
