// A record of the stack running on a data folder (`<data>/stack.json`: the process ids and ports), so a
// second `npm start` or `npm run reset` on the same folder can tell that the data is in use, and by whom.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fileOf = (dataDir) => join(dataDir, 'stack.json');

/** Writes the record of the stack now running on `dataDir`. */
export function writeStackRecord(dataDir, record) {
  writeFileSync(fileOf(dataDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** Removes the record (the stack has stopped). */
export function removeStackRecord(dataDir) {
  rmSync(fileOf(dataDir), { force: true });
}

/**
 * The record of a stack still running on `dataDir` (its process or any of its children alive), or
 * undefined. A record left by a stack that was killed, whose processes are all gone, does not count.
 */
export function runningStack(dataDir) {
  const file = fileOf(dataDir);
  if (!existsSync(file)) return undefined;
  let record;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const pids = [record.pid, ...(record.children ?? []).map((child) => child.pid)];
  const alive = pids.filter((pid) => Number.isInteger(pid) && pid !== process.pid && isAlive(pid));
  return alive.length ? { ...record, alive } : undefined;
}

/** Whether a process with this id runs (EPERM: it does, owned by another user); a zombie does not. */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  try {
    // Linux: a process that exited but was not reaped yet still answers kill(0); its state is Z.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
