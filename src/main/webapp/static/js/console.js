// The output console and status line. Everything a program prints is added as text nodes, never
// parsed as HTML.
const VERDICT_WORDS = {
  OK: 'finished',
  RUNTIME_ERROR: 'stopped with an error',
  TIME_LIMIT: 'ran longer than the time limit',
  CPU_LIMIT: 'used more CPU time than allowed',
  MEMORY_LIMIT: 'used more memory than allowed',
  OUTPUT_LIMIT: 'printed more output than allowed',
  REFUSED: 'was refused',
  ENGINE_ERROR: 'could not be run',
  CANCELLED: 'was stopped',
};
const ENGINE_NAMES = { browser: 'Your browser', local: "Runlab's server", e2b: 'Cloud sandbox', none: 'Not run' };

const $ = (id) => document.getElementById(id);

export function formatBytes(n) {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export class Output {
  constructor(limits) {
    this.limits = limits;
    this.pre = $('console');
    this.firstOutputAt = null;
  }

  clear() {
    this.pre.replaceChildren();
    $('images').replaceChildren();
    this.firstOutputAt = null;
    this.closeInput();
  }

  append(stream, text) {
    if (!text) return;
    if (this.firstOutputAt === null) {
      this.firstOutputAt = performance.now();
      if (window.runlabTimings) window.runlabTimings.firstOutput = this.firstOutputAt;
    }
    const span = document.createElement('span');
    span.className = stream === 'stderr' ? 'rl-err' : stream === 'stdin' ? 'rl-in' : 'rl-out';
    span.textContent = text;
    this.pre.insertBefore(span, this.inputBox || null);
    this.pre.scrollTop = this.pre.scrollHeight;
  }

  note(text) {
    const span = document.createElement('span');
    span.className = 'rl-note';
    span.textContent = `\n[${text}]\n`;
    this.pre.insertBefore(span, this.inputBox || null);
  }

  /** Asks for one line in the console; calls answer(text) once Enter is pressed. */
  askLine(answer) {
    this.closeInput();
    const box = document.createElement('input');
    box.id = 'console-input';
    box.className = 'rl-console-input';
    box.setAttribute('aria-label', 'Input for the program');
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const text = box.value;
      this.closeInput();
      this.append('stdin', text + '\n');
      answer(text);
    });
    this.inputBox = box;
    this.pre.append(box);
    box.focus();
  }

  closeInput() {
    if (this.inputBox) this.inputBox.remove();
    this.inputBox = null;
  }

  showImages(files) {
    for (const f of files) {
      if (!f.mediaType || !f.mediaType.startsWith('image/')) continue;
      const fig = document.createElement('figure');
      const img = document.createElement('img');
      const bytes = f.bytes instanceof Uint8Array ? f.bytes : null;
      img.src = bytes ? URL.createObjectURL(new Blob([bytes], { type: f.mediaType }))
        : `data:${f.mediaType};base64,${f.base64}`;
      img.alt = f.path;
      const cap = document.createElement('figcaption');
      cap.textContent = f.path;
      fig.append(img, cap);
      $('images').append(fig);
    }
  }
}

export class Status {
  reset() {
    for (const id of ['verdict', 'metrics', 'queue', 'reasons']) $(id).textContent = '';
    delete $('verdict').dataset.verdict;
    $('engine-badge').hidden = true;
    $('offer-server').hidden = true;
  }

  engine(engine, reasons) {
    const badge = $('engine-badge');
    badge.hidden = false;
    badge.dataset.engine = engine;
    badge.textContent = ENGINE_NAMES[engine] || engine;
    $('reasons').textContent = (reasons || []).map((r) => r.text).join(' ');
  }

  queue(position) {
    $('queue').textContent = position > 0 ? `Waiting in line: position ${position}.` : '';
  }

  running(text) {
    $('queue').textContent = '';
    $('verdict').textContent = text;
  }

  result(r, limits) {
    $('queue').textContent = '';
    let words = r.verdictText || `Your program ${VERDICT_WORDS[r.verdict] || r.verdict}.`;
    if (r.verdict === 'TIME_LIMIT' && limits) words = `Your program ran longer than ${limits.wallSeconds} seconds and was stopped.`;
    if (r.verdict === 'MEMORY_LIMIT' && limits) words = `Your program used more than ${formatBytes(limits.memoryBytes)} of memory.`;
    if (r.verdict === 'OUTPUT_LIMIT' && limits) words = `Your program printed more than ${formatBytes(limits.outputBytes)}; the rest was cut.`;
    if (r.verdict === 'OK' && r.exitCode) words = `Your program finished with exit code ${r.exitCode}.`;
    const v = $('verdict');
    v.textContent = words;
    v.dataset.verdict = r.verdict;
    const parts = [`wall ${formatMs(r.wallTimeMs || 0)}`];
    if (r.cpuTimeMs) parts.push(`CPU ${formatMs(r.cpuTimeMs)}`);
    if (r.peakMemoryBytes) parts.push(`peak memory ${formatBytes(r.peakMemoryBytes)}`);
    $('metrics').textContent = parts.join(' · ');
  }

  problem(detail) {
    $('verdict').textContent = detail;
    $('verdict').dataset.verdict = 'PROBLEM';
  }

  quota(text) {
    $('quota').textContent = text || '';
  }
}
