// Writes the figures of a full benchmark run into docs/benchmarks.md, between two markers, with the
// commit, the machine and its load: the figures in the docs are always the benchmark's own output, never
// copied by hand. bench/run.mjs calls it at the end of a full run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/local-stack.mjs';
import { renderTable } from './table.mjs';

/** The page the figures go to. */
export const BENCHMARKS_DOC = join(ROOT, 'docs/benchmarks.md');
const START = '<!-- bench:figures:start';
const END = '<!-- bench:figures:end -->';

/** The generated section's Markdown (without the markers): when, where, the table, failed checks. */
export function figuresSection(results) {
  const { machine } = results;
  const commit = results.commit
    ? `commit \`${results.commit}\`${results.uncommittedChanges ? ' (plus uncommitted changes)' : ''}`
    : 'an unknown commit';
  const load = (values) => (values ? values[0] : '?');
  const lines = [
    `Measured at ${commit} on ${results.date.slice(0, 10)}, ${machine.cpus} × ${machine.model}, ${machine.memoryGB} GB, Node ${machine.node} (${machine.platform}), in ${duration(results.seconds)}; load average ${load(machine.loadAverageAtStart)} at the start, ${load(machine.loadAverageAtEnd)} at the end.`,
    '',
    renderTable(results).table,
  ];
  const failures = results.failures ?? [];
  if (failures.length) lines.push('', 'Failed checks:', '', ...failures.map((failure) => `- ${failure}`));
  return lines.join('\n');
}

/** Replaces the generated section of `markdown` with the figures of `results`. */
export function withFigures(markdown, results) {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`docs/benchmarks.md has lost its markers (${START} … ${END})`);
  }
  const opening = markdown.slice(start, markdown.indexOf('\n', start) + 1);
  return `${markdown.slice(0, start)}${opening}${figuresSection(results)}\n${markdown.slice(end)}`;
}

/** Rewrites the figures section of docs/benchmarks.md (or `file`) from a run's results. */
export function writeBenchmarkDocs(results, file = BENCHMARKS_DOC) {
  writeFileSync(file, withFigures(readFileSync(file, 'utf8'), results));
}

function duration(seconds) {
  if (!Number.isFinite(seconds)) return 'an unknown time';
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}
