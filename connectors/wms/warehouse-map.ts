import { z } from 'zod';

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/;

/**
 * Parses `CHI=V2FyZWhvdXNlOjE=,DAL=...` into `{ CHI: 'V2FyZWhvdXNlOjE=', ... }`. The id is everything after
 * the first `=`, since base64 ids end in `=` themselves. Problems are reported on `ctx`.
 */
export function parseWarehouseMap(text: string, ctx: z.RefinementCtx): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const code = at > 0 ? entry.slice(0, at).trim() : '';
    const id = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!CODE.test(code) || !id) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not CODE=WMS_WAREHOUSE_ID` });
      return z.NEVER;
    }
    if (map[code] !== undefined) {
      ctx.addIssue({ code: 'custom', message: `warehouse ${code} is listed twice` });
      return z.NEVER;
    }
    map[code] = id;
  }
  if (Object.keys(map).length === 0) {
    ctx.addIssue({ code: 'custom', message: 'lists no warehouse' });
    return z.NEVER;
  }
  return map;
}
