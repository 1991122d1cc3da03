import os from 'node:os';

/** One line that says what a benchmark ran on, written beside its figures. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${model}, ${memoryGiB} GiB, Node ${process.version}`;
}
