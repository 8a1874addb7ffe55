// Rotates the HMAC key of guest tokens in one command, without signing anybody out: the new key signs
// from now on, the old one becomes the previous key and is still accepted (backend/src/auth/guest-keys.ts).
//
//   npm run rotate-guest-key -- --stage prod [--region eu-west-1] [--no-deploy]
//       AWS: rewrites the stage's Secrets Manager secret (deploy/secrets.yml) with the AWS CLI, then
//       runs `osls deploy --force` so the functions pick it up (they resolve it at deploy time).
//   npm run rotate-guest-key -- --local [--data-dir .local]
//       The local stack: rewrites <data dir>/guest-token-secret; restart `npm start` to use it.
//
// Rotating twice within a token's life (1 hour) would drop the key of tokens still in use: wait at
// least GUEST_TOKEN_TTL_SECONDS between rotations. A guest idle for longer than the time between two
// rotations comes back as a new guest (its token is then signed by neither key).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A new key: 64 characters of base64url, the same length Secrets Manager generates. */
export function newGuestKey() {
  return randomBytes(48).toString('base64url');
}

/** The key that signs now, from a secret value: one key, or `{"current","previous"}`. */
export function currentKeyOf(value) {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  const { current } = JSON.parse(trimmed);
  if (typeof current !== 'string' || current.length < 32)
    throw new Error('the secret has no usable "current" key');
  return current;
}

/** The secret's value after a rotation: `next` signs, the key that signed until now is still accepted. */
export function rotatedValue(value, next = newGuestKey()) {
  return JSON.stringify({ current: next, previous: currentKeyOf(value) });
}

/** Rotates the local stack's key file (made by scripts/local-stack.mjs); returns its path. */
export function rotateLocal(dataDir) {
  const file = join(dataDir, 'guest-token-secret');
  writeFileSync(file, rotatedValue(readFileSync(file, 'utf8')), { mode: 0o600 });
  return file;
}

/** Rotates a deployed stage's secret through the AWS CLI, then redeploys unless `deploy` is false. */
export function rotateStage({ stage, region, deploy = true, aws = 'aws' }) {
  const service = /^service:\s*(\S+)/m.exec(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'))?.[1];
  const secretId = `${service}/${stage}/guest-token-secret`;
  const regionArgs = region ? ['--region', region] : [];
  const current = execFileSync(
    aws,
    [
      'secretsmanager',
      'get-secret-value',
      '--secret-id',
      secretId,
      '--query',
      'SecretString',
      '--output',
      'text',
      ...regionArgs,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Through a private file, not the command line, where other users of the machine could read it.
  const dir = mkdtempSync(join(tmpdir(), 'guest-key-'));
  try {
    const file = join(dir, 'secret.json');
    writeFileSync(file, rotatedValue(current), { mode: 0o600 });
    execFileSync(
      aws,
      [
        'secretsmanager',
        'put-secret-value',
        '--secret-id',
        secretId,
        '--secret-string',
        `file://${file}`,
        ...regionArgs,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`rotated ${secretId}: a new current key; the old one stays accepted as the previous key`);
  if (!deploy) {
    console.log(`not deployed: run \`npm run deploy -- --stage ${stage} --force\` to use the new key`);
    return;
  }
  const result = spawnSync('npx', ['osls', 'deploy', '--stage', stage, '--force', ...regionArgs], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the deploy failed: the new key is stored but not yet in use');
}

function option(args, name) {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((arg) => arg !== 'rotate');
  try {
    if (args.includes('--local')) {
      const dataDir = resolve(ROOT, option(args, '--data-dir') ?? process.env.DATA_DIR ?? '.local');
      const file = rotateLocal(dataDir);
      console.log(`rotated ${file}; restart the local stack (npm start) to sign with the new key`);
    } else {
      const stage = option(args, '--stage');
      if (!stage)
        throw new Error(
          'usage: rotate-guest-key --stage <stage> [--region <r>] [--no-deploy] | --local [--data-dir <dir>]',
        );
      rotateStage({ stage, region: option(args, '--region'), deploy: !args.includes('--no-deploy') });
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
