import os from 'node:os';

/** One line that says what a benchmark ran on, written beside its figures. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${model}, ${memoryGiB} GiB, Node ${process.version}`;
}

/** The load average over 1, 5 and 15 minutes, e.g. `2.85 / 5.53 / 6.14`. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}
