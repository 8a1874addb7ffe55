// Runs as a package's `prepack` / `postpack` script (cwd: the package folder), so every tarball, from
// `npm pack` or `npm publish` (changesets included), ships exports without the workspace-only
// `org-chat-source` condition. Inside the repository that condition lets vitest, tsc, rollup and the
// backend's esbuild read the packages' TypeScript source without a build; published, it would point at
// src/ files the tarball does not hold. npm re-reads package.json after `prepack`, so the registry gets
// the stripped manifest too.
//
//   node ../release/manifest.mjs strip     back up package.json, write it without the condition
//   node ../release/manifest.mjs restore   put the backup back
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The private export condition that points workspace tools at the TypeScript source. */
export const SOURCE_CONDITION = 'org-chat-source';
const MANIFEST = 'package.json';
const BACKUP = 'package.json.workspace';

/** Returns `exports` without the source condition, at any depth. */
export function withoutSourceCondition(value) {
  if (Array.isArray(value)) return value.map(withoutSourceCondition);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, inner]) => [key, withoutSourceCondition(inner)]),
  );
}

function strip() {
  // A pack that died between prepack and postpack left the backup: it is the real manifest.
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
  const text = readFileSync(MANIFEST, 'utf8');
  copyFileSync(MANIFEST, BACKUP);
  const manifest = JSON.parse(text);
  manifest.exports = withoutSourceCondition(manifest.exports);
  if (JSON.stringify(manifest).includes(SOURCE_CONDITION)) throw new Error('source condition left behind');
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

function restore() {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  if (command === 'strip') strip();
  else if (command === 'restore') restore();
  else {
    console.error('usage: node release/manifest.mjs strip|restore');
    process.exit(2);
  }
}
