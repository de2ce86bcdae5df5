// Fails the build unless a file matches an npm-style integrity string ("sha512-<base64>").
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const [file, expected] = process.argv.slice(2);
const [algorithm, digest] = expected.split(/-(.*)/s);
const actual = createHash(algorithm).update(readFileSync(file)).digest("base64");
if (actual !== digest) {
  console.error(`INTEGRITY MISMATCH for ${file}\n  expected ${expected}\n  actual   ${algorithm}-${actual}`);
  process.exit(1);
}
console.log(`integrity ok: ${file}`);
