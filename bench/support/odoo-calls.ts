/** The emulated Odoo's count of RPC calls served (GET /__emulator/calls, admin key). */
export async function odooCallsServed(odoo: { url: string; adminKey: string }): Promise<number> {
  const response = await fetch(new URL('/__emulator/calls', odoo.url), {
    headers: { authorization: `Bearer ${odoo.adminKey}` },
  });
  if (!response.ok) throw new Error(`/__emulator/calls answered ${response.status}`);
  return ((await response.json()) as { total: number }).total;
}

/** Every Odoo RPC now waits `fixedMs` (POST /__emulator/faults). */
export async function setOdooLatency(
  odoo: { url: string; adminKey: string },
  fixedMs: number,
): Promise<void> {
  const response = await fetch(new URL('/__emulator/faults', odoo.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${odoo.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ latency: { fixedMs, jitterMs: 0 } }),
  });
  if (!response.ok) throw new Error(`/__emulator/faults answered ${response.status}`);
}
