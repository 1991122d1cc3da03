/**
 * `tsx scripts/persisted-documents.ts`: writes schema/persisted-documents.json, the trusted documents
 * (one per operation under examples/operations, keyed by sha256) that the gateway accepts by `documentId`.
 * `--check` changes nothing and exits 1 when the file drifts from the operations.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { PERSISTED_DOCUMENTS_FILE, persistedDocumentsFile } from '../schema/tools/persisted-documents.js';

const content = await persistedDocumentsFile(process.cwd());
if (process.argv.includes('--check')) {
  const current = await readFile(PERSISTED_DOCUMENTS_FILE, 'utf8').catch(() => null);
  if (current !== content) {
    process.stderr.write(`drift: ${PERSISTED_DOCUMENTS_FILE}; run tsx scripts/persisted-documents.ts\n`);
    process.exit(1);
  }
} else {
  await writeFile(PERSISTED_DOCUMENTS_FILE, content);
  process.stdout.write(`wrote ${PERSISTED_DOCUMENTS_FILE}\n`);
}
