// The consumer matrix (issue 12): packs @org/chat-sdk and @org/chat-widget, installs the tarballs into
// fresh apps in a temporary folder with only the dependencies consumers/fixtures.mjs lists (npm
// installs the peers, as for any app), builds each the way such an app builds, and runs it for real:
// pages are opened in Chromium and chat through a local stack, Node scripts chat through it too.
//
//   npm run test:consumers [-- name ...]      (after `npm run build`; names filter the fixtures)
//
// The npm cache lives in the work folder (CONSUMERS_DIR, default <tmp>/org-chat-consumers) and is
// reused by later runs. Ports: TEST_PORT_BASE (default 13000) + 300 to 311.
import { spawn } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll, ROOT } from '../release/pack.mjs';
import { stackPorts, startStack } from '../scripts/local-stack.mjs';
import { chatThrough, launchBrowser } from './browser.mjs';
import { FIXTURES, PACKED } from './fixtures.mjs';
import { serveFolder, waitForHttp } from './serve.mjs';

const base = Number(process.env.TEST_PORT_BASE || 13000) + 300;
const WORK = process.env.CONSUMERS_DIR || join(tmpdir(), 'org-chat-consumers');
const APPS = join(WORK, 'apps');
const CACHE = join(WORK, 'npm-cache');
const LOGS = join(WORK, 'logs');
const only = process.argv.slice(2);
const fixtures = FIXTURES.filter((f) => !only.length || only.some((name) => f.name.includes(name)));

/** Runs `command` in `cwd`, its output appended to `log`; rejects on a non-zero exit. */
function run(command, cwd, log, env = {}) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(log, { flags: 'a' });
    out.write(`\n$ ${command.join(' ')}\n`);
    const child = spawn(command[0], command.slice(1), { cwd, env: { ...process.env, ...env } });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code) => {
      out.end();
      if (code === 0) resolve();
      else reject(new Error(`${command.join(' ')} exited with ${code} (log: ${log})`));
    });
  });
}

/** The fixture's package.json: our packages from their tarballs, everything else pinned. */
function manifest(fixture, tarballs) {
  const dependencies = Object.fromEntries(
    Object.entries(fixture.dependencies).map(([name, version]) => [
      name,
      version === PACKED ? `file:${tarballs[name]}` : version,
    ]),
  );
  // The widget depends on @org/chat-sdk, which is not on the registry: point that at its tarball too.
  const sdk = `file:${tarballs['@org/chat-sdk']}`;
  const overrides = { '@org/chat-sdk': dependencies['@org/chat-sdk'] ? '$@org/chat-sdk' : sdk };
  return { name: `consumer-${fixture.app}`, private: true, type: 'module', dependencies, overrides };
}

/** Installs, builds and runs one fixture; resolves with what was checked. */
async function runFixture(fixture, { tarballs, stack, browser }) {
  const dir = join(APPS, fixture.name);
  const log = join(LOGS, `${fixture.name}.log`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(import.meta.dirname, 'apps', fixture.app), dir, { recursive: true });
  for (const [from, to] of fixture.copies ?? []) cpSync(join(dir, from), join(dir, to));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest(fixture, tarballs), null, 2)}\n`);
  const env = { npm_config_cache: CACHE, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  await run(
    [
      'npm',
      'install',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefer-offline',
      '--loglevel=error',
    ],
    dir,
    log,
    { npm_config_cache: CACHE, npm_config_legacy_peer_deps: 'false' },
  );
  const room = () => `consumer-${fixture.name.replace(/\W/g, '')}-${Date.now().toString(36)}`;
  for (const step of fixture.steps) {
    const command = step.flatMap((part) =>
      part === '{urls}' ? [stack.urls.ws, stack.urls.http, room()] : [part],
    );
    await run(command, dir, log, env);
  }
  const checked = [];
  if (fixture.preact) {
    checked.push(onePreact(dir, fixture.preact));
  }
  if (fixture.pages) {
    let url;
    let stop;
    if (fixture.server) {
      const port = base + 11;
      const command = fixture.server.map((part) => part.replace('{port}', String(port)));
      const server = spawn(command[0], command.slice(1), {
        cwd: dir,
        env: { ...process.env, ...env },
        detached: true,
      });
      server.stdout.pipe(createWriteStream(log, { flags: 'a' }));
      url = `http://127.0.0.1:${port}`;
      stop = async () => process.kill(-server.pid, 'SIGTERM');
      try {
        await waitForHttp(url, 60_000);
      } catch (error) {
        await stop();
        throw error;
      }
    }
    try {
      for (const page of fixture.pages) {
        let pageUrl = url;
        let close = async () => {};
        if (page.dir) {
          const served = await serveFolder(join(dir, page.dir), base + 10);
          pageUrl = served.url;
          close = served.close;
        }
        try {
          const text = `hello from ${fixture.name} ${page.dir ?? page.path}`;
          const query = new URLSearchParams({ ws: stack.urls.ws, http: stack.urls.http, room: room() });
          await chatThrough(browser, `${pageUrl}${page.path ?? '/'}?${query}`, { ...page, text });
          checked.push(
            `chatted in Chromium (${page.dir ?? page.path}${page.feed ? ', hooks feed' : ''}${page.accounts ? ', account form' : ''})`,
          );
        } finally {
          await close();
        }
      }
    } finally {
      await stop?.();
    }
  }
  return checked;
}

/** Exactly one Preact (and one signals core) in the bundle, the app's own version. */
function onePreact(dir, version) {
  const modules = JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8'));
  for (const name of ['preact', '@preact/signals-core']) {
    const roots = new Set(
      modules.map((id) => id.match(new RegExp(`^(.*/node_modules/${name})/`))?.[1]).filter(Boolean),
    );
    if (roots.size !== 1)
      throw new Error(`${roots.size} copies of ${name} in the bundle: ${[...roots].join(', ')}`);
    if (name === 'preact') {
      const found = JSON.parse(readFileSync(join([...roots][0], 'package.json'), 'utf8')).version;
      if (found !== version) throw new Error(`the bundle holds Preact ${found}, not the app's ${version}`);
    }
  }
  return `one Preact (${version}) and one signals core in the bundle`;
}

async function main() {
  for (const file of ['sdk/dist/index.js', 'widget/dist/index.js', 'widget/dist/cdn/integrity.json']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  rmSync(APPS, { recursive: true, force: true });
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  console.log(`consumer matrix in ${WORK}`);
  const tarballs = packAll(join(WORK, 'tarballs'));
  const dataDir = join(WORK, 'stack-data');
  rmSync(dataDir, { recursive: true, force: true });
  const stack = await startStack({
    ...stackPorts(base),
    dataDir,
    quiet: true,
    logLevel: 'ERROR',
    backendEnv: {},
  });
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const fixture of fixtures) {
      const started = Date.now();
      try {
        const checked = await runFixture(fixture, { tarballs, stack, browser });
        results.push({ fixture, ok: true, seconds: (Date.now() - started) / 1000 });
        console.log(
          `ok    ${fixture.name} (${((Date.now() - started) / 1000).toFixed(0)} s): built; ${checked.join('; ') || 'ran'}`,
        );
      } catch (error) {
        results.push({ fixture, ok: false });
        console.log(`FAIL  ${fixture.name}: ${error.message}`);
        const log = join(LOGS, `${fixture.name}.log`);
        if (existsSync(log)) console.log(readFileSync(log, 'utf8').split('\n').slice(-40).join('\n'));
      }
    }
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

await main();
