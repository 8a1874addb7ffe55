import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { ROOT } from '../../scripts/local-stack.mjs';
// @ts-expect-error: plain ES module without types.
import { BENCHMARKS_DOC, withFigures } from './write-docs.mjs';

/** Results of a run as bench/run.mjs writes them (bundle sizes only, one over its budget). */
const RESULTS = {
  date: '2026-12-01T10:20:30.000Z',
  commit: 'abc1234',
  uncommittedChanges: false,
  seconds: 412,
  machine: {
    cpus: 2,
    model: 'Test CPU',
    memoryGB: 8,
    node: 'v22.1.0',
    platform: 'linux x64',
    loadAverageAtStart: [1.5, 1, 1],
    loadAverageAtEnd: [2.25, 1, 1],
  },
  sizes: {
    sdk: { gzip: 4900, budget: 6144 },
    loader: { gzip: 3100, budget: 3000 },
    open: { gzip: 28000, budget: 30000, files: ['chat-widget.js', 'chat-widget-app.js'] },
    onDemand: [{ file: 'fr-abcdefgh.js', gzip: 940 }],
  },
  failures: ['widget loader is 3100 B, over its 3000 B budget'],
};

const DOC = [
  '# Benchmarks',
  '',
  'Intro.',
  '',
  '<!-- bench:figures:start (generated) -->',
  'Old figures.',
  '<!-- bench:figures:end -->',
  '',
  '## How to read the figures',
  '',
].join('\n');

/** What Biome's formatter makes of `markdown` (the lint step of npm test fails on any difference). */
function biomeFormatted(markdown: string): string {
  const biome = join(ROOT, 'node_modules/.bin/biome');
  const run = spawnSync(biome, ['format', '--stdin-file-path=docs/benchmarks.md'], {
    cwd: ROOT,
    input: markdown,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe('withFigures', () => {
  it('replaces only the generated section, with the commit, the date, the machine and the table', () => {
    const written: string = withFigures(DOC, RESULTS);
    expect(written).not.toContain('Old figures.');
    expect(written.startsWith('# Benchmarks\n\nIntro.\n\n<!-- bench:figures:start (generated) -->\n')).toBe(
      true,
    );
    expect(written.endsWith('<!-- bench:figures:end -->\n\n## How to read the figures\n')).toBe(true);
    expect(written).toContain(
      'Measured at commit `abc1234` on 2026-12-01, 2 × Test CPU, 8 GB, Node v22.1.0 (linux x64), in 6 min 52 s; load average 1.5 at the start, 2.25 at the end.',
    );
    expect(written).toMatch(
      /\| bundle size \(gzip -9\) +\| widget loader \(chat-widget\.js\) +\| 3,100 B +\| budget 3,000 B +\| FAIL/,
    );
    expect(written).toContain('Failed checks:\n\n- widget loader is 3100 B, over its 3000 B budget');
  });

  it('says when the tree had uncommitted changes', () => {
    expect(withFigures(DOC, { ...RESULTS, uncommittedChanges: true })).toContain(
      'commit `abc1234` (plus uncommitted changes)',
    );
  });

  it('writes what the formatter would: docs/benchmarks.md stays lint-clean after a run', () => {
    const written = withFigures(readFileSync(BENCHMARKS_DOC, 'utf8'), RESULTS);
    expect(biomeFormatted(written)).toBe(written);
  });

  it('refuses a page whose markers are gone', () => {
    expect(() => withFigures('# Benchmarks\n', RESULTS)).toThrow(/lost its markers/);
  });
});
