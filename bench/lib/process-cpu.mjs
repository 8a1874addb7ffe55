// CPU time of the bench's server processes, read from /proc (Linux): what one backend's emulator,
// handlers and storage spend per message, apart from the load generator and the rest of the machine.
import { readdirSync, readFileSync } from 'node:fs';

// Kernel clock ticks per second (USER_HZ), 100 on every Linux architecture Node supports.
const TICKS_PER_SECOND = 100;

/** The ids of running processes whose command line matches `pattern`. */
export function findProcesses(pattern) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (pattern.test(cmdline)) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** CPU time (user + system, ms) a process has used so far; 0 when it is gone or /proc is missing. */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
