// Checks what would be published, from the packed tarballs: publint --strict and arethetypeswrong must
// report nothing, and no test, test helper or TypeScript source may ship. Run after `npm run build`:
//
//   node release/check-packages.mjs [--publish-dry-run] [destination]   (default: a temporary folder)
//
// --publish-dry-run also runs `npm publish --dry-run` on each tarball: what the release would upload.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll, ROOT } from './pack.mjs';

const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const run = (command, args) => execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
/** Files that must never be in a tarball: tests, test servers, TypeScript source. */
const FORBIDDEN = [/\.test\./, /(^|\/)testing\//, /(^|\/)src\//, /\.tsx?$/];

const args = process.argv.slice(2);
const publishDryRun = args.includes('--publish-dry-run');
const destination =
  args.find((arg) => !arg.startsWith('--')) ?? mkdtempSync(join(tmpdir(), 'org-chat-packages-'));
const tarballs = packAll(destination);
let failed = false;
for (const [name, tarball] of Object.entries(tarballs)) {
  console.log(`\n--- ${name}: ${tarball}`);
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ''));
  const shipped = files.filter((file) => !/\.d\.c?ts$/.test(file));
  const forbidden = shipped.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  if (forbidden.length) {
    console.error(`ships files it must not: ${forbidden.join(', ')}`);
    failed = true;
  }
  for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!files.includes(required)) {
      console.error(`lacks ${required}`);
      failed = true;
    }
  }
  try {
    run(bin('publint'), ['run', tarball, '--strict']);
    run(bin('attw'), [tarball, '--profile', 'strict', '--format', 'table-flipped']);
    if (publishDryRun) run('npm', ['publish', '--dry-run', '--access', 'public', tarball]);
  } catch {
    failed = true;
  }
}
if (failed) {
  console.error('\npackage checks failed');
  process.exit(1);
}
console.log('\npackage checks passed: publint --strict and arethetypeswrong report nothing');
