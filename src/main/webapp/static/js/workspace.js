// The lesson workspace: files in tabs, the editor, Run and Stop in the browser (Pyodide) or on a
// server (the run API and its events), the status line, saving and the history.
import { Python } from './python.js';
import { Output, Status, formatMs, formatBytes, verdictText, ENGINE_NAMES } from './console.js';
import { Saver, api } from './store.js';
import { newNameProblem, projectProblem } from './files.js';
import { renderDiff } from './diff.js';

const $ = (id) => document.getElementById(id);
const root = $('workspace');
const base = root.dataset.context || '';
const lesson = root.dataset.lesson;
const starter = JSON.parse(root.dataset.starter);
const limits = JSON.parse(root.dataset.limits);
const timings = (window.runlabTimings = {});

// --- Python in the browser, started before anything else so it loads while the page settles ---
timings.workspaceStarted = performance.now();
const python = new Python(new URL('./pyodide-worker.mjs', import.meta.url), (state, detail) => {
  const box = $('python-status');
  box.dataset.state = state;
  if (state === 'loading') $('python-status-text').textContent = 'Loading Python...';
  if (state === 'ready') {
    timings.pythonReady = performance.now();
    timings.pythonInitMs = detail;
    box.dataset.snapshot = String(python.fromSnapshot === true);
    $('python-status-text').textContent = `Python is ready in your browser (${formatMs(detail)}).`;
  }
  if (state === 'failed') {
    $('python-status-text').textContent = `Python could not start in this browser: ${detail}`;
    offerServer('Python could not start in this browser.');
  }
});
if (!python.isolated) {
  const w = $('isolation-warning');
  w.hidden = false;
  w.textContent = 'This page is not cross-origin isolated, so Python in your browser cannot read input() '
    + 'and Stop has to restart it. You can run on the server instead.';
  offerServer();
}

const output = new Output(limits);
const status = new Status();

// --- Files and the editor ---
let files = starter.files.map((f) => ({ ...f }));
let entry = starter.entry;
let active = entry;
let editor = null;
let applying = false;

function current() {
  syncEditor();
  return { files: files.map((f) => ({ path: f.path, content: f.content })), entry };
}

function syncEditor() {
  const f = files.find((x) => x.path === active);
  if (editor && f) f.content = editor.getValue();
}

function show(path, sync = true) {
  if (sync) syncEditor();
  active = path;
  const f = files.find((x) => x.path === path);
  if (editor && f) {
    applying = true;
    editor.setValue(f.content);
    editor.clearHistory();
    applying = false;
  }
  renderTabs();
}

function load(work) {
  files = work.files.map((f) => ({ path: f.path, content: f.content }));
  entry = work.entry;
  active = files.some((f) => f.path === active) ? active : entry;
  show(active, false);
}

function renderTabs() {
  const list = $('starter-files');
  list.replaceChildren();
  for (const f of files) {
    const li = document.createElement('li');
    li.setAttribute('role', 'presentation');
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'rl-tab' + (f.path === active ? ' rl-active' : '');
    tab.dataset.path = f.path;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(f.path === active));
    const name = document.createElement('code');
    name.textContent = f.path;
    tab.append(name);
    if (f.path === entry) {
      const mark = document.createElement('span');
      mark.className = 'rl-entry';
      mark.textContent = ' (runs first)';
      tab.append(mark);
    }
    tab.addEventListener('click', () => show(f.path));
    li.append(tab);
    list.append(li);
  }
}

function fileMessage(text) {
  $('file-message').textContent = text || '';
}

function edited() {
  if (!applying) saver.changed();
}

$('file-add').addEventListener('click', () => {
  const name = $('file-name').value.trim();
  const bad = newNameProblem(current().files, name, null) || (files.length >= 50 ? 'A project can have at most 50 files.' : null);
  if (bad) return fileMessage(bad);
  files.push({ path: name, content: '' });
  $('file-name').value = '';
  fileMessage('');
  show(name);
  saver.changed();
});
$('file-rename').addEventListener('click', () => {
  const name = $('file-name').value.trim();
  const bad = newNameProblem(current().files, name, active);
  if (bad) return fileMessage(bad);
  const f = files.find((x) => x.path === active);
  if (entry === f.path) entry = name;
  f.path = name;
  active = name;
  $('file-name').value = '';
  fileMessage('');
  renderTabs();
  saver.changed();
});
$('file-delete').addEventListener('click', () => {
  if (files.length <= 1) return fileMessage('A project needs at least one file.');
  if (active === entry) return fileMessage('This file runs first; choose another file to run first before deleting it.');
  syncEditor();
  files = files.filter((x) => x.path !== active);
  fileMessage('');
  show(entry);
  saver.changed();
});
$('file-entry').addEventListener('click', () => {
  if (!active.endsWith('.py')) return fileMessage('Only a Python (.py) file can run first.');
  entry = active;
  fileMessage('');
  renderTabs();
  saver.changed();
});

// --- Saving ---
const saver = new Saver({
  base, lesson, signedIn: limits.signedIn, delayMs: limits.autosaveDelayMs, snapshot: current,
  onStatus: (state, text) => {
    const s = $('save-status');
    s.dataset.state = state;
    s.textContent = text;
  },
});

// --- Running ---
let running = null;

function setRunning(run) {
  const hadFocus = document.activeElement;
  running = run;
  $('run').disabled = !!run;
  $('stop').disabled = !run;
  // Run is disabled while a program runs: keyboard focus moves to Stop rather than to the page.
  if (run && hadFocus === $('run')) $('stop').focus();
}

/**
 * Brings the result into view without losing the editor and Run: the page scrolls as little as
 * needed for the verdict and the first lines of output to show, never past the editor's top.
 */
function revealResult() {
  const top = $('editor-form').getBoundingClientRect().top + window.scrollY - 8;
  const bottom = $('console').getBoundingClientRect().top + window.scrollY + 110;
  if (bottom <= window.scrollY + window.innerHeight && top >= window.scrollY) return;
  window.scrollTo({ top: Math.max(0, Math.min(top, bottom - window.innerHeight)), behavior: 'instant' });
}

/** After a run: the result gets the focus (screen readers also hear it from the live region). */
function focusResult() {
  $('verdict').focus({ preventScroll: true });
  revealResult();
}

function offerServer(why) {
  if (why) status.problem(why);
  $('offer-server').hidden = false;
}

// browserUnavailable: Python cannot run in this page, so a browser decision must go to a server.
async function run(engine, browserUnavailable = false) {
  if (running) return;
  const work = current();
  const bad = projectProblem(work.files, work.entry);
  if (bad) return status.problem(bad);
  setRunning({ kind: 'starting' });
  timings.runClicked = performance.now();
  status.reset();
  status.running('Starting...');
  saver.save('RUN');
  const stdin = $('stdin').value;
  let decision;
  try {
    decision = await api(`${base}/api/runs`, {
      method: 'POST',
      body: JSON.stringify({ ...work, stdin, lessonId: lesson, engine: engine || $('engine').value, browserUnavailable,
        interactive: true }),
    });
  } catch (e) {
    // Nothing ran: the earlier output stays where it was.
    setRunning(null);
    if (e.status === 429 && e.body && e.body.limit) {
      status.problem(e.body.title || 'Server run limit reached');
      status.quotaReached(e.body, base, `lesson.xhtml?l=${lesson}`);
    } else {
      status.problem(e.message);
    }
    focusResult();
    return;
  }
  output.clear();
  showQuota(decision);
  const d = decision.body;
  status.engine(d.engine, d.reasons);
  if (d.engine === 'browser') await runInBrowser(d, work, stdin);
  else if (d.eventsUrl) runOnServer(d);
  else finished(d);
}

// "3 server runs left this hour": the run API adds quota.warning when 20 % or less is left.
function showQuota(res) {
  const quota = res.body && res.body.quota;
  status.quota((quota && quota.warning) || '');
}

async function runInBrowser(d, work, stdin) {
  if (python.state !== 'ready') {
    status.running('Loading Python...');
    if (!(await python.ready())) {
      await report(d.id, { verdict: 'ENGINE_ERROR', exitCode: null, wallTimeMs: 0, peakMemoryBytes: 0,
        stdout: '', stderr: python.failure || 'Python could not start' });
      setRunning(null);
      offerServer(`Python could not start in this browser (${python.failure}).`);
      return;
    }
  }
  const lines = stdin ? stdin.split('\n') : [];
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out = { stdout: '', stderr: '' };
  setRunning({ kind: 'browser', id: d.id });
  status.running('Running in your browser...');
  const r = await python.execute(work.files, work.entry, {
    wallMs: limits.wallSeconds * 1000,
    outputBytes: limits.outputBytes,
    handlers: {
      output: (stream, text) => { out[stream] += text; output.append(stream, text); },
      input: (answer) => {
        if (lines.length) {
          const line = lines.shift();
          output.append('stdin', line + '\n');
          answer(line);
        } else {
          status.running('Waiting for your input in the console...');
          output.askLine((text) => { status.running('Running in your browser...'); answer(text); });
        }
      },
    },
  });
  output.closeInput();
  if (r.note) output.note(r.note);
  if (r.verdict === 'OUTPUT_LIMIT') output.note('output truncated');
  output.showFiles(r.images);
  const result = { verdict: r.verdict, exitCode: r.exitCode, wallTimeMs: r.wallTimeMs, peakMemoryBytes: r.peakMemoryBytes };
  status.result(result, limits);
  setRunning(null);
  markProgress(result);
  focusResult();
  await report(d.id, { ...result, stdout: out.stdout, stderr: out.stderr, stdoutTruncated: r.verdict === 'OUTPUT_LIMIT' });
}

async function report(id, body) {
  try {
    await api(`${base}/api/runs/${encodeURIComponent(id)}/report`, { method: 'POST', body: JSON.stringify(body) });
  } catch (e) {
    status.quota(`The run could not be recorded: ${e.message}`);
  }
}

function runOnServer(d) {
  setRunning({ kind: 'server', id: d.id });
  status.running('Waiting for a server...');
  const events = new EventSource(d.eventsUrl.startsWith('/') ? d.eventsUrl : `${base}/${d.eventsUrl}`);
  running.events = events;
  let streamed = false;
  // A watchdog: should the event stream stall, the run's state is still looked up now and then.
  running.watchdog = setInterval(() => {
    api(`${base}/api/runs/${encodeURIComponent(d.id)}`).then((r) => {
      if (r.body.state === 'FINISHED' && running && running.id === d.id) {
        if (!streamed) {
          output.append('stdout', r.body.stdout || '');
          output.append('stderr', r.body.stderr || '');
        }
        finished(r.body);
      }
    }).catch(() => {});
  }, 3000);
  events.addEventListener('queued', (e) => status.queue(JSON.parse(e.data).position));
  events.addEventListener('started', (e) => {
    status.engine(JSON.parse(e.data).engine || d.engine, d.reasons);
    status.running('Running on the server...');
  });
  for (const stream of ['stdout', 'stderr']) {
    events.addEventListener(stream, (e) => { streamed = true; output.append(stream, JSON.parse(e.data).text); });
  }
  events.addEventListener('notice', (e) => output.note(JSON.parse(e.data).text));
  // The engine prepares the run (installing packages): its latest line is the status.
  events.addEventListener('progress', (e) => status.running(JSON.parse(e.data).text));
  // The program waits for a line the stdin box did not have: the console asks, as in the browser.
  events.addEventListener('input', () => {
    if (!running || running.id !== d.id || output.inputBox) return;
    status.running('Waiting for your input in the console...');
    output.askLine((text) => {
      status.running('Running on the server...');
      sendInput(d.id, text === null ? { eof: true } : { text: `${text}\n` });
    });
  });
  events.addEventListener('result', (e) => {
    events.close();
    const r = JSON.parse(e.data);
    if (!streamed) {
      output.append('stdout', r.stdout || '');
      output.append('stderr', r.stderr || '');
    }
    finished(r);
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED && running && running.id === d.id) {
      api(`${base}/api/runs/${encodeURIComponent(d.id)}`).then((r) => {
        if (r.body.state === 'FINISHED') finished(r.body);
      }).catch((err) => status.problem(`Lost contact with the server: ${err.message}`));
    }
  };
}

async function sendInput(id, body) {
  try {
    await api(`${base}/api/runs/${encodeURIComponent(id)}/stdin`, { method: 'POST', body: JSON.stringify(body) });
  } catch (e) {
    output.note(`Your input did not reach the program: ${e.message}`);
  }
}

function finished(r) {
  if (running && running.events) running.events.close();
  if (running && running.watchdog) clearInterval(running.watchdog);
  output.closeInput();
  if (r.stdoutTruncated) output.note('output truncated');
  if (r.stderrTruncated) output.note('error output truncated');
  for (const n of r.notices || []) output.note(n);
  if (r.sessionKeptSeconds) output.note(`session kept for ${Math.max(1, Math.round(r.sessionKeptSeconds / 60))} min`);
  if (r.files) output.showFiles(r.files);
  if (r.engine === 'none' || !r.verdict) {
    status.problem((r.reasons || []).map((x) => x.text).join(' ') || 'The program was not run.');
  } else {
    status.result(r, null);
    markProgress(r);
  }
  setRunning(null);
  focusResult();
}

/** A run without an error completes the lesson. */
function markProgress(r) {
  if (r.verdict !== 'OK' || r.exitCode) return;
  const p = $('lesson-progress');
  p.dataset.completed = 'true';
  p.textContent = 'Completed: you ran this lesson without an error.';
}

async function stop() {
  if (!running) return;
  if (running.kind === 'browser') {
    python.stop('CANCELLED');
  } else if (running.kind === 'server') {
    try {
      const r = await api(`${base}/api/runs/${encodeURIComponent(running.id)}`, { method: 'DELETE' });
      if (r.body && r.body.verdict) finished(r.body);
    } catch (e) {
      status.problem(e.message);
    }
  }
}

$('run').addEventListener('click', () => run());
$('stop').addEventListener('click', stop);
$('run-on-server').addEventListener('click', () => run(null, true));
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
    e.preventDefault();
    run();
  }
});

// Engines the tier may ask for.
for (const option of $('engine').options) {
  const server = option.value === 'local' || option.value === 'e2b';
  if ((server && !limits.chooseEngine) || (option.value === 'e2b' && !limits.e2bAllowed)) {
    option.disabled = true;
    option.textContent += ' (not in your plan)';
  }
}

// Where a run may land on E2B, input() reads only the stdin box: say so before the run.
function stdinNote() {
  const engine = $('engine').value;
  const e2b = engine === 'e2b' || (engine === 'auto' && limits.e2bDefault);
  $('stdin-note').hidden = !e2b;
  if (e2b) $('stdin-box').open = true;
}
$('engine').addEventListener('change', stdinNote);
stdinNote();

/** Opens or closes a panel; an opened one is scrolled into view and its heading focused. */
function togglePanel(id, button) {
  const panel = $(id);
  panel.hidden = !panel.hidden;
  button.setAttribute('aria-expanded', String(!panel.hidden));
  if (!panel.hidden) {
    panel.scrollIntoView({ block: 'start', behavior: 'instant' });
    $(`${id}-title`).focus({ preventScroll: true });
  }
  return !panel.hidden;
}

// --- Runs: the learner's earlier runs of this lesson, from the ledger ---
async function showRuns() {
  if (!togglePanel('runs', $('runs-toggle'))) return;
  await loadRuns();
}

async function loadRuns() {
  const list = $('runs-list');
  list.replaceChildren();
  $('run-view').hidden = true;
  $('runs-message').textContent = 'Loading...';
  try {
    const r = await api(`${base}/api/runs?lesson=${encodeURIComponent(lesson)}&limit=20`);
    const runs = r.body.runs || [];
    $('runs-message').textContent = runs.length ? (limits.signedIn ? '' : 'The runs of this browser session.')
      : (limits.signedIn ? 'No runs yet.' : 'No runs in this browser session yet.');
    for (const run of runs) list.append(runEntry(run));
  } catch (e) {
    $('runs-message').textContent = `Your runs could not be loaded: ${e.message}`;
  }
}

function runEntry(run) {
  const li = document.createElement('li');
  li.className = 'rl-run';
  li.dataset.id = run.id;
  li.dataset.verdict = run.verdict || '';
  const head = document.createElement('div');
  const when = new Date(run.created).toLocaleString();
  const verdict = run.verdict ? (run.verdictText || run.verdict) : 'Not finished';
  head.textContent = `${when} · ${ENGINE_NAMES[run.engine] || run.engine} · ${verdict} · ${formatMs(run.wallTimeMs || 0)}`;
  const first = document.createElement('pre');
  first.className = 'rl-run-first';
  first.textContent = run.firstLines || '(no output)';
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'rl-run-open';
  open.textContent = 'Open';
  open.setAttribute('aria-label', `Open the run of ${when}`);
  open.addEventListener('click', () => openRun(run, when));
  li.append(head, first, open);
  return li;
}

async function openRun(run, when) {
  const view = $('run-view');
  try {
    const [result, code] = await Promise.all([
      api(`${base}/api/runs/${encodeURIComponent(run.id)}`),
      run.codeKept ? api(`${base}/api/runs/${encodeURIComponent(run.id)}/code`).catch(() => null) : null,
    ]);
    const out = $('run-view-output');
    out.replaceChildren();
    for (const [stream, text] of [['stdout', result.body.stdout], ['stderr', result.body.stderr]]) {
      if (!text) continue;
      const span = document.createElement('span');
      span.className = stream === 'stderr' ? 'rl-err' : 'rl-out';
      span.textContent = text;
      out.append(span);
    }
    if (!out.childNodes.length) out.textContent = '(no output)';
    $('run-view-title').textContent = `Run of ${when}: ${result.body.verdictText || result.body.state}`;
    const work = code && code.body;
    $('run-view-code').textContent = work
      ? work.files.map((f) => (work.files.length > 1 ? `# --- ${f.path} ---\n` : '') + f.content).join('\n')
      : 'The code of this run was not kept.';
    const restore = $('run-view-restore');
    restore.hidden = !work;
    restore.onclick = () => {
      load(work);
      saver.changed();
      $('save-status').textContent = `The code of the run of ${when} is in the editor.`;
      if (editor) editor.focus();
    };
    view.hidden = false;
    view.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    $('run-view-title').setAttribute('tabindex', '-1');
    $('run-view-title').focus({ preventScroll: true });
  } catch (e) {
    $('runs-message').textContent = `That run could not be opened: ${e.message}`;
  }
}

$('runs-toggle').addEventListener('click', showRuns);
$('skip-to-editor').addEventListener('click', (e) => {
  if (!editor) return;
  e.preventDefault();
  editor.focus();
  $('editor-form').scrollIntoView({ block: 'nearest' });
});

// --- History ---
async function showHistory() {
  if (!togglePanel('history', $('history-toggle'))) return;
  const list = $('history-list');
  list.replaceChildren();
  $('diff-view').hidden = true;
  if (!limits.signedIn) {
    $('history-message').textContent = 'Create an account to keep a history of your code.';
    return;
  }
  $('history-message').textContent = 'Loading...';
  try {
    const snaps = await saver.history();
    $('history-message').textContent = snaps.length ? '' : 'Nothing saved yet.';
    for (const s of snaps) list.append(historyEntry(s));
  } catch (e) {
    $('history-message').textContent = `The history could not be loaded: ${e.message}`;
  }
}

const REASONS = { AUTO: 'auto-saved', RUN: 'run', RESTORE: 'restored', ADOPT: 'from before sign-up', RESET: 'reset to starter files' };

function historyEntry(s) {
  const li = document.createElement('li');
  li.className = 'rl-snap';
  li.dataset.id = s.id;
  const label = document.createElement('span');
  label.textContent = `${new Date(s.created).toLocaleString()} · ${REASONS[s.reason] || s.reason} · ${s.fileCount} file(s) `;
  const compare = document.createElement('button');
  compare.type = 'button';
  compare.className = 'rl-compare';
  compare.textContent = 'Compare';
  compare.addEventListener('click', async () => {
    const snap = await saver.one(s.id);
    $('diff-view').hidden = false;
    $('diff-title').textContent = `From this snapshot to your code now`;
    renderDiff($('diff'), snap, current());
  });
  const restore = document.createElement('button');
  restore.type = 'button';
  restore.className = 'rl-restore';
  restore.textContent = 'Restore';
  restore.addEventListener('click', async () => {
    try {
      load(await saver.restore(s.id));
      $('save-status').textContent = 'Restored.';
      $('history').hidden = true;
      $('history-toggle').setAttribute('aria-expanded', 'false');
    } catch (e) {
      $('history-message').textContent = `Not restored: ${e.message}`;
    }
  });
  li.append(label, compare, restore);
  return li;
}

$('history-toggle').addEventListener('click', showHistory);
window.addEventListener('pagehide', () => saver.flush());
$('reset').addEventListener('click', async () => {
  if (!window.confirm('Start over from the lesson\'s starter files? Your current code stays in the history.')) return;
  if (limits.signedIn) {
    try { load(await saver.reset()); } catch (e) { status.problem(`Not reset: ${e.message}`); }
  } else {
    load(starter);
    saver.saveLocal();
  }
});

/** The next (or previous) control a Tab would reach outside {@code box}. */
function tabbableBeside(box, forward) {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0 && !box.contains(e));
  const after = all.filter((e) => box.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  const before = all.filter((e) => box.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING);
  return forward ? after[0] : before[before.length - 1];
}

// --- Start: bind the editor, then bring back saved work ---
function bindEditor() {
  const widget = window.PrimeFaces && PrimeFaces.widgets && PrimeFaces.widgets.editor;
  if (!widget || !widget.instance) {
    requestAnimationFrame(bindEditor);
    return;
  }
  editor = widget.instance;
  editor.on('change', edited);
  // The usual escape from an editor that takes Tab: Esc, then Tab or Shift+Tab moves on, to the
  // control before or after the editor in the page's order.
  let escaped = false;
  const leave = (indent, forward) => (cm) => {
    if (!escaped) return cm.execCommand(indent);
    escaped = false;
    const beside = tabbableBeside($('editor-form'), forward);
    if (beside) beside.focus();
    return undefined;
  };
  // CodeMirror's own scrollbars are no place for the keyboard (Chromium would stop on them).
  for (const bar of editor.getWrapperElement().querySelectorAll('.CodeMirror-vscrollbar, .CodeMirror-hscrollbar')) {
    bar.tabIndex = -1;
  }
  editor.on('keydown', (cm, e) => {
    if (e.key === 'Escape') escaped = true;
    else if (e.key !== 'Tab' && e.key !== 'Shift') escaped = false;
  });
  editor.on('blur', () => { escaped = false; });
  editor.setOption('extraKeys', {
    'Ctrl-Enter': () => run(), 'Cmd-Enter': () => run(),
    Tab: leave('insertSoftTab', true), 'Shift-Tab': leave('indentLess', false),
  });
  const field = editor.getInputField();
  field.setAttribute('aria-label', 'Code editor');
  field.setAttribute('aria-describedby', 'editor-hint');
  field.setAttribute('aria-multiline', 'true');
  window.runlabEditor = editor;
  show(active, false);
  saver.load().then(({ work, source }) => {
    if (work) load(work);
    if (source === 'browser') $('save-status').textContent = 'Your code from your last visit (kept in this browser).';
    if (source === 'server') $('save-status').textContent = `Your saved code (${new Date(work.created).toLocaleString()}).`;
    root.dataset.loaded = 'true';
  }).catch((e) => {
    $('save-status').textContent = `Your saved code could not be loaded: ${e.message}`;
    root.dataset.loaded = 'true';
  });
}
renderTabs();
bindEditor();
