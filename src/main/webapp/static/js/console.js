// The output console and status line. Everything a program prints is added as text nodes, never
// parsed as HTML. Plots are shown inline in the console; every file the program wrote is offered
// for download below it.
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
export const ENGINE_NAMES = { browser: 'Your browser', local: "Runlab's server", e2b: 'Cloud sandbox', none: 'Not run' };

const $ = (id) => document.getElementById(id);

export function formatBytes(n) {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** The verdict in words, naming the limit that was hit, as the server words it for its runs. */
export function verdictText(r, limits) {
  if (r.verdictText) return r.verdictText;
  if (limits) {
    if (r.verdict === 'TIME_LIMIT') return `Your program was stopped after ${limits.wallSeconds} s, the limit of your plan.`;
    if (r.verdict === 'MEMORY_LIMIT') return `Your program was stopped when it used more than ${formatBytes(limits.memoryBytes)} of memory, the limit of your plan.`;
    if (r.verdict === 'OUTPUT_LIMIT') return `Your program printed more than ${formatBytes(limits.outputBytes)}, the limit of your plan; the rest was cut.`;
  }
  if (r.verdict === 'OK' && r.exitCode) return `Your program finished with exit code ${r.exitCode}.`;
  return `Your program ${VERDICT_WORDS[r.verdict] || r.verdict}.`;
}

export class Output {
  constructor(limits) {
    this.limits = limits;
    this.pre = $('console');
    this.firstOutputAt = null;
  }

  clear() {
    this.pre.replaceChildren();
    $('download-list').replaceChildren();
    $('downloads').hidden = true;
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

  /**
   * Asks for one line in the console; calls answer(text) once Enter is pressed, answer(null) on
   * Ctrl+D (end of input).
   */
  askLine(answer) {
    this.closeInput();
    const box = document.createElement('input');
    box.id = 'console-input';
    box.className = 'rl-console-input';
    box.setAttribute('aria-label', 'Input for the program: type a line and press Enter (Ctrl+D ends the input)');
    box.addEventListener('keydown', (e) => {
      if (e.key === 'd' && e.ctrlKey) {
        e.preventDefault();
        this.closeInput();
        this.note('end of input');
        answer(null);
        return;
      }
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const text = box.value;
      this.closeInput();
      this.append('stdin', text + '\n');
      answer(text);
    });
    this.inputBox = box;
    this.pre.append(box);
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'nearest' });
  }

  closeInput() {
    if (this.inputBox) this.inputBox.remove();
    this.inputBox = null;
  }

  /** Shows image files inline in the console and offers every file for download. */
  showFiles(files) {
    let any = false;
    for (const f of files || []) {
      const url = urlOf(f);
      if (f.mediaType && f.mediaType.startsWith('image/')) {
        const img = document.createElement('img');
        img.className = 'rl-plot';
        img.src = url;
        img.alt = /plot-\d+\.png$/.test(f.path) ? `Plot from your program (${f.path})` : `Image your program wrote: ${f.path}`;
        this.pre.insertBefore(img, this.inputBox || null);
        this.pre.insertBefore(document.createTextNode('\n'), this.inputBox || null);
      }
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = url;
      a.download = f.path.split('/').pop();
      a.className = 'rl-download';
      a.textContent = f.path;
      const size = document.createElement('span');
      size.className = 'rl-muted';
      size.textContent = ` (${formatBytes(f.bytes instanceof Uint8Array ? f.bytes.length : (f.bytes || 0))})`;
      li.append(a, size);
      $('download-list').append(li);
      any = true;
    }
    if (any) $('downloads').hidden = false;
  }
}

function urlOf(f) {
  if (f.bytes instanceof Uint8Array) return URL.createObjectURL(new Blob([f.bytes], { type: f.mediaType }));
  return `data:${f.mediaType || 'application/octet-stream'};base64,${f.base64}`;
}

export class Status {
  reset() {
    for (const id of ['verdict', 'metrics', 'queue', 'reasons']) $(id).textContent = '';
    delete $('verdict').dataset.verdict;
    $('engine-badge').hidden = true;
    $('offer-server').hidden = true;
    $('quota').replaceChildren();
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
    const v = $('verdict');
    v.textContent = verdictText(r, limits);
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

  /** A short line in the quota box ("3 server runs left this hour"), or nothing. */
  quota(text) {
    $('quota').textContent = text || '';
  }

  /**
   * The limit was reached (a 429): one message, when the runs come back in the learner's own time
   * zone, and a real way to more (sign up, upgrade).
   */
  quotaReached(problem, base, next) {
    const box = $('quota');
    box.replaceChildren();
    const window = problem.limit === 'day' ? "today's" : "this hour's";
    const at = problem.resetsAt ? new Date(problem.resetsAt) : null;
    const when = at && !Number.isNaN(at.getTime())
      ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
        + (problem.limit === 'day' ? ` (${at.toLocaleDateString([], { weekday: 'long' })})` : '')
      : 'soon';
    const text = document.createElement('p');
    text.id = 'quota-message';
    text.textContent = `You have used ${window} ${problem.quota || ''} server runs. They start again at ${when}.`
      .replace('  ', ' ') + ' Programs that can run in your browser still run, for free.';
    box.append(text);
    if (problem.upgradeUrl) {
      const link = document.createElement('a');
      link.id = 'quota-link';
      link.className = 'rl-button rl-link-button';
      const sep = problem.upgradeUrl.includes('?') ? '&' : '?';
      link.href = `${base}${problem.upgradeUrl}${next ? `${sep}next=${encodeURIComponent(next)}` : ''}`;
      link.textContent = problem.tier === 'ANONYMOUS' ? 'Sign up free for more server runs' : 'Upgrade for more server runs';
      box.append(link);
    }
  }
}
