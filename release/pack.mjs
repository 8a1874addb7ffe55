// Packs @org/chat-sdk and @org/chat-widget with `npm pack` (their prepack hook strips the workspace-only
// source condition) into a folder, and returns the tarballs' paths. Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The published workspaces, by package name. */
export const PACKAGES = { '@org/chat-sdk': 'sdk', '@org/chat-widget': 'widget' };

/** Packs every published package into `destination`; resolves to `{ [name]: tarballPath }`. */
export function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  const workspaces = Object.values(PACKAGES).flatMap((dir) => ['-w', dir]);
  const output = execFileSync(
    'npm',
    ['pack', ...workspaces, '--pack-destination', destination, '--json', '--loglevel', 'error'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const packed = JSON.parse(output);
  return Object.fromEntries(packed.map((entry) => [entry.name, join(destination, entry.filename)]));
}
