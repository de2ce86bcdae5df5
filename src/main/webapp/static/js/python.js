// The page's side of the Pyodide worker: starts it as the page loads, runs programs, stops them
// (interrupt buffer first; after a second without an answer, terminate and start afresh), and
// answers input() through a SharedArrayBuffer.
const STOP_GRACE_MS = 1000;
const STDIN_BYTES = 64 * 1024;
// Loading a run's packages does not count against its wall time, but may not take for ever either.
const PACKAGES_MS = 120 * 1000;

export class Python {
  /** packages: {wheelsUrl, lockFileUrl} where the worker loads packages from (empty: none). */
  constructor(workerUrl, onState, packages = {}) {
    this.workerUrl = workerUrl;
    this.packages = { wheelsUrl: packages.wheelsUrl || '', lockFileUrl: packages.lockFileUrl || '' };
    this.onState = onState;
    this.isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
    this.run = null;
    this.start();
  }

  start() {
    this.state = 'loading';
    this.startedAt = performance.now();
    this.readyPromise = new Promise((resolve) => { this.resolveReady = resolve; });
    this.onState('loading');
    try {
      this.worker = new Worker(this.workerUrl, { type: 'module' });
    } catch (e) {
      this.fail(String(e.message || e));
      return;
    }
    if (this.isolated) {
      this.interrupt = new Int32Array(new SharedArrayBuffer(4));
      this.stdinBuffer = new SharedArrayBuffer(8 + STDIN_BYTES);
      this.stdinCtl = new Int32Array(this.stdinBuffer, 0, 2);
    }
    this.worker.onmessage = (e) => this.message(e.data);
    this.worker.onerror = (e) => this.fail(e.message || 'the Python worker could not start');
    this.worker.postMessage({ type: 'init', interrupt: this.interrupt && this.interrupt.buffer, stdin: this.stdinBuffer,
      packages: this.packages });
  }

  fail(message) {
    this.state = 'failed';
    this.failure = message;
    this.onState('failed', message);
    this.resolveReady(false);
    if (this.run) this.finish({ status: 'ENGINE_ERROR', exitCode: null, peakMemoryBytes: 0, images: [] }, message);
  }

  /** Resolves true once Python is ready, false if it cannot start. */
  ready() {
    return this.readyPromise;
  }

  message(msg) {
    if (msg.type === 'ready') {
      this.state = 'ready';
      this.readyMs = performance.now();
      this.fromSnapshot = msg.fromSnapshot;
      this.onState('ready', msg.ms);
      this.resolveReady(true);
    } else if (msg.type === 'failed') {
      this.fail(msg.message);
    } else if (msg.type === 'progress' && this.run) {
      if (this.run.handlers.progress) this.run.handlers.progress(msg.text);
    } else if (msg.type === 'started' && this.run) {
      clearTimeout(this.run.wallTimer);
      this.run.started = performance.now();
      this.run.wallTimer = setTimeout(() => this.stop('TIME_LIMIT'), this.run.wallMs);
    } else if (msg.type === 'out' && this.run) {
      this.run.handlers.output(msg.stream, msg.text);
    } else if (msg.type === 'input' && this.run) {
      this.run.handlers.input((text) => this.answer(text));
    } else if (msg.type === 'done' && this.run) {
      this.finish(msg);
    }
  }

  answer(text) {
    if (!this.stdinCtl) return;
    if (text === null) {
      Atomics.store(this.stdinCtl, 0, 2);
    } else {
      const bytes = new TextEncoder().encode(text.endsWith('\n') ? text : text + '\n').subarray(0, STDIN_BYTES);
      new Uint8Array(this.stdinBuffer, 8).set(bytes);
      Atomics.store(this.stdinCtl, 1, bytes.length);
      Atomics.store(this.stdinCtl, 0, 1);
    }
    Atomics.notify(this.stdinCtl, 0);
  }

  /**
   * Runs the project; resolves with {verdict, exitCode, wallTimeMs, peakMemoryBytes, images, note}.
   * handlers: output(stream, text), input(answer) where answer(text|null), progress(text) while
   * packages load ("Loading numpy"). The wall time counts from when the program starts.
   */
  execute(files, entry, { wallMs, outputBytes, handlers }) {
    return new Promise((resolve) => {
      const started = performance.now();
      this.run = { resolve, handlers, started, wallMs, stopReason: null };
      this.run.wallTimer = setTimeout(() => this.stop('TIME_LIMIT'), wallMs + PACKAGES_MS);
      this.worker.postMessage({ type: 'run', id: started, files, entry, outputBytes });
    });
  }

  /** Stops the running program: reason CANCELLED (Stop pressed) or TIME_LIMIT. */
  stop(reason) {
    const run = this.run;
    if (!run || run.stopReason) return;
    run.stopReason = reason;
    if (this.interrupt) {
      Atomics.store(this.interrupt, 0, 2);
      Atomics.store(this.stdinCtl, 0, 3);
      Atomics.notify(this.stdinCtl, 0);
      run.killTimer = setTimeout(() => this.kill(), STOP_GRACE_MS);
    } else {
      this.kill();
    }
  }

  kill() {
    if (!this.run) return;
    this.worker.terminate();
    this.finish({ status: 'INTERRUPTED', exitCode: null, peakMemoryBytes: 0, images: [] },
      'The program did not stop when asked, so Python was restarted.');
    this.start();
  }

  finish(msg, note) {
    const run = this.run;
    this.run = null;
    clearTimeout(run.wallTimer);
    clearTimeout(run.killTimer);
    let verdict = msg.status;
    if (verdict === 'INTERRUPTED') verdict = run.stopReason || 'CANCELLED';
    run.resolve({
      verdict,
      exitCode: msg.exitCode,
      wallTimeMs: Math.round(performance.now() - run.started),
      peakMemoryBytes: msg.peakMemoryBytes || 0,
      images: msg.images || [],
      note,
    });
  }
}
