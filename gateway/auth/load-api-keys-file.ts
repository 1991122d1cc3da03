import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { apiKeyRecordSchema, type ApiKeyRecord } from './api-keys.js';

/** Reads `API_KEYS_FILE`: a JSON array of `{ prefix, hash, principal, name }`, validated at boot. */
export async function loadApiKeysFile(path: string): Promise<ApiKeyRecord[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`API_KEYS_FILE ${path} could not be read as JSON`, { cause });
  }
  const parsed = z.array(apiKeyRecordSchema).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `[${issue.path.join('.')}] ${issue.message}`);
    throw new Error(`API_KEYS_FILE ${path} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
