import type { BenchRow } from './bench-row.js';

/** One figure of issue 8's "Done when", and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

const inFlight = (row: BenchRow) => Number(/(\d+) in flight$/.exec(row.setting)?.[1] ?? '1');

/** The portal query's targets, checked against the rows of parts b and c. */
export function checkTargets(rows: readonly BenchRow[]): TargetCheck[] {
  const ours = rows.find((r) => r.part === 'b' && r.setting.startsWith('ours'));
  const apollo = rows.find((r) => r.part === 'b' && r.setting.startsWith('@apollo'));
  const warmRows = rows.filter((r) => r.part === 'c' && r.setting.includes(', warm'));
  const checks: TargetCheck[] = [];
  if (ours && apollo) {
    const ratio = ours.rate / apollo.rate;
    checks.push(
      {
        target: 'portal, caching off, dedup off: ≥ 1.15 × the requests/s of @apollo/gateway',
        measured: `${ours.rate.toFixed(1)} / ${apollo.rate.toFixed(1)} = ${ratio.toFixed(2)}×`,
        met: ratio >= 1.15,
      },
      {
        target: 'portal, caching off: p99 equal to or lower than @apollo/gateway’s',
        measured: `${ours.p99} ms against ${apollo.p99} ms`,
        met: ours.p99 <= apollo.p99,
      },
    );
  }
  if (warmRows.length > 0) {
    // The three warm figures hold together only in one measured row: a closed loop's p50 is about the
    // requests in flight ÷ requests/s (Little's law), so the rows at several loads show the trade.
    const meetsAll = (r: BenchRow) => r.p50 < 5 && r.odooCallsPerOp === 0 && r.rate >= 1000;
    const describe = (r: BenchRow) =>
      `${inFlight(r)} in flight: ${r.rate.toFixed(0)} requests/s, p50 ${r.p50} ms, ${r.odooCallsPerOp ?? '?'} Odoo calls/op`;
    const meeting = warmRows.filter(meetsAll);
    checks.push(
      {
        target:
          'portal, caching on, Odoo 20 ms, warm: p50 under 5 ms, zero Odoo calls and ≥ 1,000 requests/s on this 2-core machine, all in one measured row',
        measured:
          warmRows.map(describe).join('; ') +
          (meeting.length > 0
            ? ` (met at ${meeting.map((r) => inFlight(r)).join(' and ')} in flight)`
            : ' (no row meets all three)'),
        met: meeting.length > 0,
      },
      {
        target: 'portal, warm: zero Odoo calls at every load',
        measured: warmRows.map((r) => `${r.odooCallsPerOp ?? '?'} at ${inFlight(r)} in flight`).join(', '),
        met: warmRows.every((r) => r.odooCallsPerOp === 0),
      },
    );
  }
  return checks;
}
