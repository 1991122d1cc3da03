/**
 * `npm run keys -- <command>`: manage the API keys in Redis (REDIS_URL, required; REDIS_KEY_NAMESPACE,
 * default `dg`). Exit 0 on success, 2 on a usage error or a refused operation, 1 on a fault.
 *
 *   create --name N --kind internal|partner [--tenant <odoo partner id> --partner-kind customer|supplier|carrier|marketplace|3pl]
 *          --scopes a,b,c [--expires 90d] [--persisted-only]
 *                                               prints the new key ONCE; --persisted-only: the key may run
 *                                               only persisted documents (schema/persisted-documents.json)
 *   list                                        prefix, name, kind, tenant, scopes, persisted only, expiry,
 *                                               last used, revoked
 *   revoke <prefix>
 *   rotate <prefix> [--overlap 24h]             prints the new key ONCE; the old one works for the overlap;
 *                                               the new key keeps the old one's principal (persisted only too)
 */
import { parseArgs } from 'node:util';
import { ApiKeyError } from '../platform/auth/api-key-error.js';
import type { ApiKeyInfo } from '../platform/auth/api-key-record.js';
import { RedisApiKeyStore } from '../platform/auth/redis-api-key-store.js';
import { createLogger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis.js';
import { parseKeysCommand, type KeysCommand } from './keys-command.js';

const USAGE = `usage: npm run keys -- create --name N --kind internal|partner [--tenant ID --partner-kind KIND] --scopes a,b [--expires 90d] [--persisted-only]
       npm run keys -- list
       npm run keys -- revoke <prefix>
       npm run keys -- rotate <prefix> [--overlap 24h]
environment: REDIS_URL (required), REDIS_KEY_NAMESPACE (default dg)`;

function parseCommand(argv: string[]): KeysCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      tenant: { type: 'string' },
      'partner-kind': { type: 'string' },
      scopes: { type: 'string' },
      expires: { type: 'string' },
      overlap: { type: 'string' },
      'persisted-only': { type: 'boolean' },
    },
  });
  const prefix = positionals[1] === undefined ? {} : { prefix: positionals[1] };
  if (positionals.length > 2)
    return parseKeysCommand({ command: positionals[0], extra: positionals.slice(2) });
  return parseKeysCommand({ command: positionals[0], ...prefix, ...values });
}

function describe(key: ApiKeyInfo): string {
  const p = key.principal;
  return [
    key.prefix,
    key.name,
    p.kind,
    p.kind === 'partner' ? `tenant=${p.tenantPartnerId} (${p.partnerKind})` : 'tenant=-',
    `scopes=${p.scopes.join(',')}`,
    `persistedOnly=${p.persistedOnly ? 'yes' : 'no'}`,
    `expires=${key.expiresAt ?? 'never'}`,
    `lastUsed=${key.lastUsedAt ?? 'never'}`,
    `revoked=${key.revokedAt ?? 'no'}`,
  ].join('\t');
}

const SHOWN_ONCE = 'Store this key now: it is shown only once and cannot be recovered.';

async function run(command: KeysCommand, store: RedisApiKeyStore): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  switch (command.command) {
    case 'create': {
      const { key, record } = await store.create(command.input);
      out(key);
      const only = record.principal.persistedOnly ? ', persisted documents only' : '';
      process.stderr.write(`created ${record.prefix} (${record.name}${only}). ${SHOWN_ONCE}\n`);
      return;
    }
    case 'list':
      for (const key of await store.list()) out(describe(key));
      return;
    case 'revoke':
      out(describe(await store.revoke(command.prefix)));
      return;
    case 'rotate': {
      const { key, record, previous } = await store.rotate(command.prefix, { overlapMs: command.overlapMs });
      out(key);
      process.stderr.write(
        `rotated ${previous.prefix} → ${record.prefix}; the old key works until ${previous.expiresAt ?? '?'}. ${SHOWN_ONCE}\n`,
      );
      return;
    }
  }
}

async function main(): Promise<number> {
  let command: KeysCommand;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const url = process.env.REDIS_URL;
  if (!url) {
    process.stderr.write(
      `REDIS_URL is required: where the API keys are stored, e.g. redis://127.0.0.1:6379\n${USAGE}\n`,
    );
    return 2;
  }
  const redis = await connectRedis({ url, logger: createLogger({ name: 'keys', level: 'silent' }) });
  try {
    await run(command, new RedisApiKeyStore({ redis, namespace: process.env.REDIS_KEY_NAMESPACE || 'dg' }));
    return 0;
  } catch (error) {
    if (!(error instanceof ApiKeyError)) throw error;
    process.stderr.write(`refused: ${error.message}\n`);
    return 2;
  } finally {
    redis.destroy();
  }
}

process.exitCode = await main();
