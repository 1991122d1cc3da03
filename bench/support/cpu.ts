import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The CPU seconds of several processes together; undefined when any has none. */
function cpuSecondsOf(pids: number | readonly number[]): number | undefined {
  let total = 0;
  for (const pid of typeof pids === 'number' ? [pids] : pids) {
    const seconds = cpuSeconds(pid);
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total;
}

/**
 * Starts measuring the CPU of `pids` (a name stands for one process or several together); the returned
 * function answers each name's share of a core, in %.
 */
export function cpuMeter(pids: Record<string, number | readonly number[]>): () => Record<string, number> {
  const started = performance.now();
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  return () => {
    const elapsed = (performance.now() - started) / 1000;
    const shares: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const [from, to] = [before[name], cpuSecondsOf(pid)];
      if (from !== undefined && to !== undefined) shares[name] = Math.round(((to - from) / elapsed) * 100);
    }
    return shares;
  };
}
