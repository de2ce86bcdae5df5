// File names follow the run API's rules (org.runlab.engine.ProjectValidator), so a project the
// page accepts is one the server accepts too.
export const MAX_FILES = 50;

/** Why `path` cannot be a file name, or null when it can. */
export function pathProblem(path) {
  if (!path) return 'A file needs a name.';
  if (path.length > 255) return 'A file name can have at most 255 characters.';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'A file name cannot contain control characters.';
  if (path.includes('\\')) return "Separate folders with '/', not '\\'.";
  if (path.startsWith('/')) return 'A file name must be relative (no leading /).';
  if (path.length > 1 && path[1] === ':') return 'A file name cannot start with a drive letter.';
  for (const part of path.split('/')) {
    if (part === '..') return "A file name cannot point outside the project ('..').";
    if (part === '' || part === '.') return "A file name cannot have empty or '.' parts.";
  }
  return null;
}

/** Why `path` cannot join `files` (excluding `except`), or null. */
export function newNameProblem(files, path, except) {
  const bad = pathProblem(path);
  if (bad) return bad;
  const others = files.map((f) => f.path).filter((p) => p !== except);
  if (others.includes(path)) return `There is already a file called ${path}.`;
  for (const other of others) {
    if (other.startsWith(path + '/')) return `${path} is a folder here (it holds ${other}).`;
    if (path.startsWith(other + '/')) return `${other} is a file, so it cannot be a folder.`;
  }
  return null;
}

/** Why the project cannot be run or saved, or null. */
export function projectProblem(files, entry) {
  if (files.length === 0) return 'The project has no files.';
  if (files.length > MAX_FILES) return `A project can have at most ${MAX_FILES} files.`;
  if (!files.some((f) => f.path === entry)) return `The file that runs first (${entry}) is missing.`;
  if (!entry.endsWith('.py')) return 'The file that runs first must be a Python (.py) file.';
  return null;
}
