// Runs learners' Python in Pyodide, off the page's thread. Protocol (postMessage):
//   page -> worker: {type:'init', interrupt:SAB, stdin:SAB, packages:{wheelsUrl, lockFileUrl}}
//                   {type:'run', id, files, entry, outputBytes}
//   worker -> page: {type:'ready', ms}  {type:'failed', message}  {type:'out', stream, text}
//                   {type:'progress', text}  {type:'started'}  {type:'input'}
//                   {type:'done', id, status, exitCode, peakMemoryBytes, images}
// Packages: when the operator provides them, a run first loads what its files import
// (loadPackagesFromImports), reporting "Loading numpy" as progress; its time starts after that.
// Stop: the page writes 2 (SIGINT) into the interrupt buffer. input(): the worker asks, then waits
// on the stdin buffer with Atomics.wait until the page has written the answer.
import { loadPyodide } from '../../pyodide/314.0.7/pyodide.mjs';

const PROJECT = '/home/pyodide/project';
const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp' };
// Files the program wrote come back as the server engines return them (runlab.local.out.* defaults).
const MAX_FILES = 20;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

let pyodide;
let packages = { wheelsUrl: '', lockFileUrl: '' };
let interrupt;      // Int32Array(1) over a SharedArrayBuffer, or null
let stdinCtl;       // Int32Array: [0] state (0 idle, 1 answered, 2 end of input, 3 stopped), [1] byte length
let stdinBytes;     // Uint8Array: the answer
let outputBudget = 0;
let outputLimited = false;
const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

const RUNNER = `
import sys, os, traceback, tracemalloc
PROJECT = ${JSON.stringify(PROJECT)}

def _learner_frames(tb):
    frames = traceback.extract_tb(tb)
    return traceback.StackSummary.from_list(
        [f for f in frames if f.filename.startswith(PROJECT + '/')])

def _clean(text):
    return text.replace(PROJECT + '/', '')

def _save_figures(plt):
    try:
        nums = plt.get_fignums()
        if not nums:
            return
        os.makedirs(PROJECT + '/out', exist_ok=True)
        n = 1
        for num in nums:
            while os.path.exists(PROJECT + '/out/plot-%d.png' % n):
                n += 1
            plt.figure(num).savefig(PROJECT + '/out/plot-%d.png' % n, format='png')
        plt.close('all')
    except Exception:
        pass

class _PyplotHook:
    def find_spec(self, name, path=None, target=None):
        if name != 'matplotlib.pyplot':
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        real = spec.loader.exec_module
        def exec_module(module):
            real(module)
            module.show = lambda *a, **k: _save_figures(module)
        spec.loader.exec_module = exec_module
        return spec

def _watch_plots():
    # plt.show() and figures left open become out/plot-N.png, as on the server engines.
    os.environ['MPLBACKEND'] = 'Agg'
    plt = sys.modules.get('matplotlib.pyplot')
    if plt is not None:
        plt.show = lambda *a, **k: _save_figures(plt)
    elif not any(isinstance(f, _PyplotHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _PyplotHook())

def runlab_run(entry):
    for name in list(sys.modules):
        mod = sys.modules[name]
        if getattr(mod, '__file__', None) and str(mod.__file__).startswith(PROJECT + '/'):
            del sys.modules[name]
    if PROJECT not in sys.path:
        sys.path.insert(0, PROJECT)
    os.chdir(PROJECT)
    path = PROJECT + '/' + entry
    with open(path, encoding='utf-8') as f:
        source = f.read()
    status, code = 'OK', 0
    _watch_plots()
    tracemalloc.start()
    try:
        exec(compile(source, path, 'exec'), {'__name__': '__main__', '__file__': path, '__builtins__': __builtins__})
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if e.code is not None and not isinstance(e.code, int):
            print(e.code, file=sys.stderr)
        status = 'OK' if code == 0 else 'RUNTIME_ERROR'
    except KeyboardInterrupt:
        status, code = 'INTERRUPTED', 130
    except MemoryError:
        status, code = 'MEMORY_LIMIT', 1
        print('MemoryError: the program ran out of memory', file=sys.stderr)
    except BaseException as e:
        status, code = 'RUNTIME_ERROR', 1
        te = traceback.TracebackException(type(e), e, e.__traceback__)
        te.stack = _learner_frames(e.__traceback__)
        sys.stderr.write(_clean(''.join(te.format())))
    finally:
        if 'matplotlib.pyplot' in sys.modules:
            _save_figures(sys.modules['matplotlib.pyplot'])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        try:
            sys.stdout.flush(); sys.stderr.flush()
        except BaseException:
            pass
    return [status, code, peak]
`;

function emit(stream) {
  return (bytes) => {
    if (outputLimited) return bytes.length;
    let take = bytes;
    if (bytes.length > outputBudget) {
      take = bytes.subarray(0, Math.max(0, outputBudget));
      outputLimited = true;
      if (interrupt) Atomics.store(interrupt, 0, 2);
    }
    outputBudget -= take.length;
    const text = decoders[stream].decode(take, { stream: true });
    if (text) postMessage({ type: 'out', stream, text });
    return bytes.length;
  };
}

function readLine() {
  if (!stdinCtl) {
    throw new Error('input() needs a cross-origin isolated page');
  }
  Atomics.store(stdinCtl, 0, 0);
  postMessage({ type: 'input' });
  Atomics.wait(stdinCtl, 0, 0);
  const state = Atomics.load(stdinCtl, 0);
  if (state === 3) {
    pyodide.checkInterrupt();
    return null;
  }
  if (state === 2) return null;
  const copy = stdinBytes.slice(0, Atomics.load(stdinCtl, 1));
  return new TextDecoder().decode(copy);
}

function resetProject(files) {
  const FS = pyodide.FS;
  const wipe = (dir) => {
    for (const name of FS.readdir(dir)) {
      if (name === '.' || name === '..') continue;
      const p = dir + '/' + name;
      if (FS.isDir(FS.stat(p).mode)) { wipe(p); FS.rmdir(p); } else { FS.unlink(p); }
    }
  };
  if (FS.analyzePath(PROJECT).exists) wipe(PROJECT); else FS.mkdirTree(PROJECT);
  for (const f of files) {
    const full = PROJECT + '/' + f.path;
    FS.mkdirTree(full.substring(0, full.lastIndexOf('/')));
    FS.writeFile(full, f.content);
  }
}

/** The files the program wrote anywhere in the project (new ones and changed ones), bounded. */
function newFiles(files) {
  const FS = pyodide.FS;
  const given = new Map(files.map((f) => [f.path, f.content]));
  const found = [];
  let total = 0;
  const walk = (dir, rel) => {
    for (const name of FS.readdir(dir)) {
      if (name === '.' || name === '..' || name === '__pycache__') continue;
      const p = dir + '/' + name;
      const r = rel ? rel + '/' + name : name;
      const st = FS.stat(p);
      if (FS.isDir(st.mode)) { walk(p, r); continue; }
      if (found.length >= MAX_FILES || st.size > MAX_FILE_BYTES || total + st.size > MAX_TOTAL_BYTES) continue;
      const bytes = FS.readFile(p);
      if (given.has(r) && new TextDecoder().decode(bytes) === given.get(r)) continue;
      const ext = name.split('.').pop().toLowerCase();
      total += bytes.length;
      found.push({ path: r, mediaType: IMAGE_TYPES[ext] || OTHER_TYPES[ext] || 'application/octet-stream', bytes });
    }
  };
  walk(PROJECT, '');
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const OTHER_TYPES = { csv: 'text/csv', json: 'application/json', txt: 'text/plain', md: 'text/markdown', html: 'text/html', pdf: 'application/pdf' };

// A memory snapshot of a freshly started Python, kept in the browser's Cache Storage, lets the
// next page skip Python's own start-up. Any failure falls back to a normal start.
const INDEX_URL = new URL('../../pyodide/314.0.7/', import.meta.url).href;
const SNAPSHOT_URL = new URL('../../pyodide/314.0.7/.runlab-snapshot', import.meta.url).href;
const SNAPSHOT_CACHE = 'runlab-pyodide-314.0.7';

let fromSnapshot = false;

/** loadPyodide's options: the shipped files, and where packages come from when there are any. */
function options(extra) {
  const opts = { indexURL: INDEX_URL, ...extra };
  // Pyodide needs absolute URLs; the page may give paths on this site.
  if (packages.wheelsUrl) opts.packageBaseUrl = new URL(packages.wheelsUrl, self.location.href).href;
  if (packages.lockFileUrl) opts.lockFileURL = new URL(packages.lockFileUrl, self.location.href).href;
  return opts;
}

/** Loads the packages the project's Python files import, from the lock file's wheels. */
async function loadImports(files) {
  if (!packages.wheelsUrl) return;
  for (const f of files) {
    if (!f.path.endsWith('.py')) continue;
    await pyodide.loadPackagesFromImports(f.content, {
      messageCallback: (text) => postMessage({ type: 'progress', text }),
      errorCallback: (text) => postMessage({ type: 'out', stream: 'stderr', text: text + '\n' }),
    });
  }
}

async function startPython() {
  let cache = null;
  try { cache = await caches.open(SNAPSHOT_CACHE); } catch (e) { cache = null; }
  if (cache) {
    try {
      const hit = await cache.match(SNAPSHOT_URL);
      if (hit) {
        const bytes = new Uint8Array(await hit.arrayBuffer());
        const py = await loadPyodide(options({ _loadSnapshot: bytes }));
        fromSnapshot = true;
        return py;
      }
    } catch (e) {
      await cache.delete(SNAPSHOT_URL).catch(() => {});
    }
  }
  const py = await loadPyodide(options({ _makeSnapshot: !!cache }));
  if (cache) {
    try {
      const snap = py.makeMemorySnapshot();
      cache.put(SNAPSHOT_URL, new Response(snap, { headers: { 'Content-Type': 'application/octet-stream' } })).catch(() => {});
    } catch (e) {
      // no snapshot this time
    }
  }
  return py;
}

async function init(msg) {
  const started = performance.now();
  try {
    interrupt = msg.interrupt ? new Int32Array(msg.interrupt) : null;
    if (msg.packages) packages = { wheelsUrl: msg.packages.wheelsUrl || '', lockFileUrl: msg.packages.lockFileUrl || '' };
    if (msg.stdin) {
      stdinCtl = new Int32Array(msg.stdin, 0, 2);
      stdinBytes = new Uint8Array(msg.stdin, 8);
    }
    pyodide = await startPython();
    if (interrupt) pyodide.setInterruptBuffer(interrupt);
    pyodide.setStdout({ write: emit('stdout') });
    pyodide.setStderr({ write: emit('stderr') });
    pyodide.setStdin({ stdin: readLine });
    pyodide.runPython(RUNNER);
    pyodide.runPython("import sys\nsys.stdout.reconfigure(line_buffering=True)\nsys.stderr.reconfigure(line_buffering=True)");
    postMessage({ type: 'ready', ms: Math.round(performance.now() - started), fromSnapshot });
  } catch (e) {
    postMessage({ type: 'failed', message: String(e && e.message || e) });
  }
}

async function run(msg) {
  outputBudget = msg.outputBytes || 65536;
  outputLimited = false;
  if (interrupt) Atomics.store(interrupt, 0, 0);
  try {
    await loadImports(msg.files);
  } catch (e) {
    postMessage({ type: 'out', stream: 'stderr', text: 'Packages could not be loaded: ' + String(e && e.message || e) + '\n' });
  }
  postMessage({ type: 'started' });
  let result;
  try {
    resetProject(msg.files);
    const out = pyodide.globals.get('runlab_run')(msg.entry);
    result = out.toJs();
    out.destroy();
  } catch (e) {
    result = ['ENGINE_ERROR', null, 0];
    postMessage({ type: 'out', stream: 'stderr', text: String(e && e.message || e) + '\n' });
  }
  for (const s of ['stdout', 'stderr']) {
    const rest = decoders[s].decode();
    if (rest) postMessage({ type: 'out', stream: s, text: rest });
  }
  let [status, exitCode, peak] = result;
  if (outputLimited) status = 'OUTPUT_LIMIT';
  let images = [];
  try { images = newFiles(msg.files); } catch (e) { images = []; }
  postMessage({ type: 'done', id: msg.id, status, exitCode, peakMemoryBytes: peak, images, outputLimited });
}

self.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'init') init(msg);
  else if (msg.type === 'run') run(msg);
};
