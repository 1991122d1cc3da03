/**
 * A start-up summary for the person at the terminal, on standard error so that standard output stays
 * pure JSON log lines for machines. The same facts are also logged as structured fields.
 */
export function printBanner(lines: readonly string[]): void {
  process.stderr.write(`\n${lines.join('\n')}\n\n`);
}
