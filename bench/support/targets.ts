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
  const warm = warmRows.find((r) => inFlight(r) > 1);
  const single = warmRows.find((r) => inFlight(r) === 1);
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
  if (warm) {
    // Closed loop: p50 ≈ requests in flight ÷ requests/s (Little's law).
    const needed = Math.ceil(inFlight(warm) / 0.005);
    checks.push(
      {
        target:
          'portal, caching on, Odoo 20 ms, warm: p50 under 5 ms (judged at the load of the requests/s figure)',
        measured:
          `${warm.p50} ms at ${inFlight(warm)} in flight` +
          (single ? ` (${single.p50} ms at 1 in flight)` : '') +
          `; at ${inFlight(warm)} in flight, p50 under 5 ms needs ≥ ${needed} requests/s`,
        met: warm.p50 < 5,
      },
      {
        target: 'portal, warm: zero Odoo calls',
        measured: `${warm.odooCallsPerOp ?? '?'} per operation at ${inFlight(warm)} in flight`,
        met: warm.odooCallsPerOp === 0,
      },
      {
        target: 'portal, warm: ≥ 1,000 requests/s on this 2-core machine',
        measured: `${warm.rate.toFixed(0)} requests/s at ${inFlight(warm)} in flight`,
        met: warm.rate >= 1000,
      },
    );
  }
  return checks;
}
