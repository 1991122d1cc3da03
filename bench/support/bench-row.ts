/** One line of the combined benchmark table (bench/results/bench.md). */
export interface BenchRow {
  /** Which part of issue 8's list: `a` storefront vs Apollo ... `e` quoted figures. */
  part: string;
  /** What was measured, e.g. `portal`, `capture (orchestration stopped)`. */
  subject: string;
  /** Who served it and how, e.g. `ours, cache off, dedup off, Odoo 0 ms, 16 in flight`. */
  setting: string;
  /** Requests (or deliveries, captures) per second. */
  rate: number;
  p50: number;
  p99: number;
  /** Odoo calls per operation, where counted. */
  odooCallsPerOp?: number;
  errors?: number;
  /** Share of one core per process over the measured seconds, in % (driver, gateway, subgraphs). */
  cpuPercent?: Record<string, number>;
  /** Ratio to @apollo/gateway's requests/s in the same part, or a short note. */
  note?: string;
}

const figure = (value: number | undefined, digits = 1) =>
  value === undefined ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(digits);

const cpu = (shares: Record<string, number> | undefined) =>
  shares
    ? ['driver', 'gateway', 'subgraphs', 'emulators'].map((name) => shares[name] ?? '–').join(' / ')
    : '–';

/** The rows as one markdown table. */
export function benchTable(rows: readonly BenchRow[]): string {
  return [
    '| part | measured | setting | rate /s | p50 ms | p99 ms | Odoo calls / op | errors | CPU % driver / gateway / subgraphs / emulators | × @apollo/gateway or note |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.part} | ${r.subject} | ${r.setting} | ${figure(r.rate)} | ${figure(r.p50)} | ${figure(r.p99)} | ${figure(r.odooCallsPerOp, 2)} | ${figure(r.errors)} | ${cpu(r.cpuPercent)} | ${r.note ?? ''} |`,
    ),
  ].join('\n');
}
