// Where a learner's work is kept: the browser (visitors) or snapshots on the server (signed-in
// learners), auto-saved a moment after typing stops and at each run. A failed save says so and
// retries with growing pauses.
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];

export async function api(url, options = {}) {
  const res = await fetch(url, {
    credentials: 'same-origin',
    ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...(options.headers || {}) },
  });
  let body = null;
  const text = await res.text();
  if (text) {
    try { body = JSON.parse(text); } catch (e) { body = { detail: text.slice(0, 200) }; }
  }
  if (!res.ok) {
    const err = new Error((body && body.detail) || `The server answered ${res.status}.`);
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return { status: res.status, body, headers: res.headers };
}

export function localKey(lesson) {
  return `runlab.workspace.${lesson}`;
}

export function readLocal(lesson) {
  try {
    const raw = localStorage.getItem(localKey(lesson));
    const w = raw && JSON.parse(raw);
    return w && Array.isArray(w.files) && typeof w.entry === 'string' ? w : null;
  } catch (e) {
    return null;
  }
}

export class Saver {
  constructor({ base, lesson, signedIn, delayMs, snapshot, onStatus }) {
    this.url = `${base}/api/workspaces/${encodeURIComponent(lesson)}`;
    this.lesson = lesson;
    this.signedIn = signedIn;
    this.delayMs = delayMs;
    this.snapshot = snapshot; // () => {files, entry}
    this.onStatus = onStatus;
    this.timer = null;
    this.attempt = 0;
    this.pending = null;
  }

  /** The saved work: {work, source} with source 'server', 'adopted', 'browser' or null. */
  async load() {
    const local = readLocal(this.lesson);
    if (!this.signedIn) return { work: local, source: local ? 'browser' : null };
    const latest = await api(`${this.url}/latest`);
    if (latest.status === 200) {
      if (local) localStorage.removeItem(localKey(this.lesson));
      return { work: latest.body, source: 'server' };
    }
    if (local) {
      try {
        const adopted = await api(`${this.url}/adopt`, { method: 'POST', body: JSON.stringify(local) });
        localStorage.removeItem(localKey(this.lesson));
        this.onStatus('saved', 'Your work from before you signed up is saved in your account.');
        return { work: adopted.body, source: 'adopted' };
      } catch (e) {
        return { work: local, source: 'browser' };
      }
    }
    return { work: null, source: null };
  }

  /** Called on every edit: saves once editing has paused. */
  changed() {
    clearTimeout(this.timer);
    if (!this.signedIn) {
      this.timer = setTimeout(() => this.saveLocal(), 300);
      return;
    }
    this.onStatus('dirty', 'Unsaved changes');
    this.timer = setTimeout(() => this.save('AUTO'), this.delayMs);
  }

  saveLocal() {
    try {
      localStorage.setItem(localKey(this.lesson), JSON.stringify({ ...this.snapshot(), savedAt: Date.now() }));
      this.onStatus('local', 'Kept in this browser only');
    } catch (e) {
      this.onStatus('failed', 'Could not keep your code in this browser (storage is full or blocked).');
    }
  }

  /** Saves now (reason AUTO or RUN); retries on failure until a save succeeds. */
  async save(reason) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.signedIn) {
      this.saveLocal();
      return;
    }
    const work = this.snapshot();
    this.onStatus('saving', 'Saving...');
    try {
      const res = await api(`${this.url}/snapshots`, { method: 'POST', body: JSON.stringify({ ...work, reason }) });
      this.attempt = 0;
      const at = new Date(res.body.created).toLocaleTimeString();
      this.onStatus('saved', `Saved ${at}`);
    } catch (e) {
      if (e.status === 422 || e.status === 413 || e.status === 401) {
        this.onStatus('failed', `Not saved: ${e.message}`);
        return;
      }
      const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
      this.attempt++;
      this.onStatus('failed', `Not saved: ${e.message} Retrying in ${Math.round(wait / 1000)} s.`);
      this.timer = setTimeout(() => this.save(reason), wait);
    }
  }

  /** Leaving the page: sends a pending save with keepalive so the browser finishes it. */
  flush() {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.signedIn) {
      this.saveLocal();
      return;
    }
    fetch(`${this.url}/snapshots`, {
      method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...this.snapshot(), reason: 'AUTO' }),
    }).catch(() => {});
  }

  history() {
    return api(`${this.url}/snapshots`).then((r) => r.body.snapshots);
  }

  one(id) {
    return api(`${this.url}/snapshots/${encodeURIComponent(id)}`).then((r) => r.body);
  }

  restore(id) {
    return api(`${this.url}/snapshots/${encodeURIComponent(id)}/restore`, { method: 'POST' }).then((r) => r.body);
  }

  reset() {
    return api(`${this.url}/reset`, { method: 'POST' }).then((r) => r.body);
  }
}
