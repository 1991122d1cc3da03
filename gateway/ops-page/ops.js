// The operations page: reads /ops/api/summary every few seconds and draws it. No build step; uPlot (global).
'use strict';

const REFRESH_MS = 5000;
const SYSTEMS = ['odoo', 'wms', 'carrier'];
const COLORS = { odoo: '#7c3aed', wms: '#0e7490', carrier: '#c2410c' };
const charts = {};

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const num = (v, digits = 0) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));
const seconds = (s) =>
  s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${Math.floor(s / 60)} min` : `${s} s`;

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Fills a table: a header row, then one row per item (cells: [text, className?]), or a note. */
function fill(id, headers, rows, empty) {
  const table = document.getElementById(id);
  table.replaceChildren();
  const head = table.insertRow();
  for (const h of headers) head.appendChild(Object.assign(document.createElement('th'), { textContent: h }));
  if (rows.length === 0) {
    const td = cell(empty, 'empty');
    td.colSpan = headers.length;
    table.insertRow().appendChild(td);
  }
  for (const row of rows) {
    const tr = table.insertRow();
    for (const [text, className] of row) tr.appendChild(cell(String(text), className));
  }
}

/** A section of the summary: its data, or a note saying why it is missing. */
const dataOf = (section) => (section && 'data' in section ? section.data : null);
const whyNot = (section) => (section && 'error' in section ? `unavailable (${section.error})` : 'none');

function tiles(summary) {
  const last = summary.history.at(-1) ?? {};
  const stuck = dataOf(summary.stuckOrders)?.edges.length;
  const deadEvents = dataOf(summary.eventDeadLetters)?.totalCount;
  const deadWebhooks = dataOf(summary.webhookDeadLetters)?.totalCount;
  const down = (dataOf(summary.integrationHealth) ?? []).filter((s) => !s.reachable).length;
  const items = [
    ['Requests / s', num(last.requestsPerSecond, 1)],
    ['Errors / s', num(last.errorsPerSecond, 2), last.errorsPerSecond > 0],
    ['Cache hit ratio', pct(last.cacheHitRatio)],
    ['Stuck orders', num(stuck), stuck > 0],
    ['Event dead letters', num(deadEvents), deadEvents > 0],
    ['Webhook dead letters', num(deadWebhooks), deadWebhooks > 0],
    ['Event lag', num(summary.totals.lag)],
    ['Systems down', num(down), down > 0],
  ];
  document.getElementById('tiles').replaceChildren(
    ...items.map(([label, value, bad]) => {
      const tile = document.createElement('div');
      tile.className = bad ? 'tile bad' : 'tile';
      tile.append(
        Object.assign(document.createElement('div'), { className: 'label', textContent: label }),
        Object.assign(document.createElement('div'), { className: 'value', textContent: value }),
      );
      return tile;
    }),
  );
}

/** Creates the chart once, then only replaces its data. */
function chart(id, series, data) {
  const element = document.getElementById(id);
  if (!charts[id]) {
    const width = Math.max(element.clientWidth, 300);
    charts[id] = new uPlot(
      { width, height: 180, series: [{}, ...series], axes: [{}, { size: 50 }], legend: { live: false } },
      data,
      element,
    );
  } else charts[id].setData(data);
}

function draw(history) {
  const t = history.map((p) => p.t);
  const col = (f) => history.map((p) => f(p) ?? null);
  chart(
    'chart-requests',
    [
      { label: 'requests/s', stroke: '#2563eb' },
      { label: 'errors/s', stroke: '#b42318' },
    ],
    [t, col((p) => p.requestsPerSecond), col((p) => p.errorsPerSecond)],
  );
  const per = (field, scale) =>
    SYSTEMS.map((s) =>
      col((p) => (p.connectors[s]?.[field] == null ? null : p.connectors[s][field] * scale)),
    );
  const systemSeries = SYSTEMS.map((s) => ({ label: s, stroke: COLORS[s], spanGaps: true }));
  chart('chart-errors', systemSeries, [t, ...per('errorRate', 100)]);
  chart('chart-latency', systemSeries, [t, ...per('latencyMs', 1)]);
  chart(
    'chart-ratios',
    [
      { label: 'cache hits %', stroke: '#067647', spanGaps: true },
      { label: 'webhooks delivered %', stroke: '#7c3aed', spanGaps: true },
    ],
    [
      t,
      col((p) => (p.cacheHitRatio == null ? null : p.cacheHitRatio * 100)),
      col((p) => (p.webhookSuccess == null ? null : p.webhookSuccess * 100)),
    ],
  );
  chart(
    'chart-backlog',
    [
      { label: 'event lag', stroke: '#0e7490' },
      { label: 'dead letters', stroke: '#b42318' },
      { label: 'stuck orders', stroke: '#c2410c' },
    ],
    [t, col((p) => p.lag), col((p) => p.deadLetters), col((p) => p.stuck)],
  );
}

function tables(summary) {
  const stuck = dataOf(summary.stuckOrders)?.edges.map((e) => e.node) ?? [];
  fill(
    'stuck-orders',
    ['Order', 'Step', 'Stuck for', 'Limit', 'Since', 'Last error'],
    stuck.map((o) => {
      const error = o.progress.steps
        .map((s) => s.lastError)
        .filter(Boolean)
        .sort((a, b) => (a.at < b.at ? 1 : -1))[0];
      return [
        [o.orderNumber],
        [o.phase],
        [seconds(o.stuckForSeconds), 'bad'],
        [seconds(o.limitSeconds)],
        [o.since],
        [error ? `${error.code}: ${error.message}` : '–'],
      ];
    }),
    `No stuck orders${'error' in summary.stuckOrders ? ` (${whyNot(summary.stuckOrders)})` : ''}`,
  );
  const health = dataOf(summary.integrationHealth) ?? [];
  fill(
    'health',
    ['System', 'Reachable', 'Circuit', 'Calls (5 min)', 'Error rate', 'Latency', 'Why not'],
    health.map((s) => [
      [s.name],
      [s.reachable ? 'yes' : 'no', s.reachable ? 'ok' : 'bad'],
      [s.circuit ?? '–', s.circuit === 'OPEN' ? 'bad' : ''],
      [num(s.recentCalls)],
      [pct(s.recentErrorRate), s.recentErrorRate > 0 ? 'bad' : ''],
      [
        s.recentLatencyMilliseconds == null
          ? `probe ${num(s.probeMilliseconds)} ms`
          : `${num(s.recentLatencyMilliseconds)} ms`,
      ],
      [s.error ?? ''],
    ]),
    whyNot(summary.integrationHealth),
  );
  fill(
    'fetches',
    ['Subgraph', 'Fetches', 'Errors', 'Mean latency'],
    summary.subgraphFetches.map((f) => [
      [f.subgraph],
      [f.fetches],
      [f.errors, f.errors > 0 ? 'bad' : ''],
      [`${num(f.meanLatencyMs, 1)} ms`],
    ]),
    'no fetches yet',
  );
  const partners = dataOf(summary.partnerWebhookDeliveries) ?? [];
  fill(
    'webhooks',
    ['Partner', 'Endpoints', 'Attempts', 'Delivered', 'Failed', 'Success'],
    partners.map((p) => [
      [p.tenantPartnerId ?? 'internal'],
      [p.endpoints],
      [p.attempts],
      [p.delivered],
      [p.failed, p.failed > 0 ? 'bad' : ''],
      [pct(p.successRate), p.successRate !== null && p.successRate < 1 ? 'bad' : 'ok'],
    ]),
    partners.length === 0 ? whyNot(summary.partnerWebhookDeliveries) : '',
  );
  const events = (dataOf(summary.eventDeadLetters)?.edges ?? []).map(({ node: d }) => [
    [`event ${d.eventType ?? '?'}`],
    [d.subject ?? ''],
    [d.group],
    [d.error, 'bad'],
    [d.deadAt ?? ''],
  ]);
  const hooks = (dataOf(summary.webhookDeadLetters)?.edges ?? []).map(({ node: d }) => [
    [`webhook ${d.eventType}`],
    [d.eventId],
    [d.endpointId],
    [d.error, 'bad'],
    [d.deadAt ?? ''],
  ]);
  fill(
    'dead-letters',
    ['Kind', 'Subject', 'Group / endpoint', 'Error', 'At'],
    [...events, ...hooks],
    'No dead letters (replay them with the replay*DeadLetter mutations)',
  );
}

async function refresh() {
  try {
    const response = await fetch('/ops/api/summary', { cache: 'no-store' });
    if (response.status === 401) return void location.assign('/ops');
    const summary = await response.json();
    tiles(summary);
    draw(summary.history);
    tables(summary);
    document.getElementById('updated').textContent =
      `updated ${new Date(summary.generatedAt).toLocaleTimeString()}`;
    document.body.dataset.loaded = 'true';
  } catch (error) {
    document.getElementById('updated').textContent = `refresh failed: ${error.message}`;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/ops/session/end', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  location.assign('/ops');
});

refresh();
