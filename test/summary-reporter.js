import { writeSync } from 'node:fs';

/**
 * Prints one plain closing line, `jest: N passed, N failed, N skipped`, that any CI log reader
 * understands. Written at exit so that it comes after jest's own summary, which jest's last reporter prints.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => writeSync(1, line));
  }
}
