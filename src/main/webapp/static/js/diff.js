// A line diff (longest common subsequence) of two projects, for the history's compare view.
const MAX_CELLS = 4_000_000;

/** [{op:' '|'-'|'+', text}] turning lines `a` into lines `b`. */
export function diffLines(a, b) {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((text) => ({ op: '-', text })), ...b.map((text) => ({ op: '+', text }))];
  }
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ op: ' ', text: a[i] }); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) { out.push({ op: '-', text: a[i++] }); }
    else { out.push({ op: '+', text: b[j++] }); }
  }
  while (i < n) out.push({ op: '-', text: a[i++] });
  while (j < m) out.push({ op: '+', text: b[j++] });
  return out;
}

/** Renders the difference from project `from` to project `to` into `pre`, as text only. */
export function renderDiff(pre, from, to) {
  pre.replaceChildren();
  const paths = [...new Set([...from.files.map((f) => f.path), ...to.files.map((f) => f.path)])].sort();
  const content = (p, files) => {
    const f = files.find((x) => x.path === p);
    return f ? f.content.split('\n') : [];
  };
  let changed = 0;
  for (const p of paths) {
    const lines = diffLines(content(p, from.files), content(p, to.files));
    if (lines.every((l) => l.op === ' ')) continue;
    changed++;
    const head = document.createElement('span');
    head.className = 'rl-diff-file';
    head.textContent = `--- ${p}\n`;
    pre.append(head);
    for (const l of lines) {
      const span = document.createElement('span');
      span.className = l.op === '+' ? 'rl-diff-add' : l.op === '-' ? 'rl-diff-del' : 'rl-diff-same';
      span.textContent = `${l.op} ${l.text}\n`;
      pre.append(span);
    }
  }
  if (from.entry !== to.entry) {
    pre.append(document.createTextNode(`The file that runs first: ${from.entry} -> ${to.entry}\n`));
    changed++;
  }
  if (!changed) pre.textContent = 'No differences.';
}
