/** The committed manifest of trusted documents matches the example operations. */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import {
  buildPersistedDocuments,
  loadPersistedDocuments,
  PERSISTED_DOCUMENTS_FILE,
  persistedDocumentsFile,
} from '../../schema/tools/persisted-documents.js';

describe('schema/persisted-documents.json', () => {
  it('is what scripts/persisted-documents.ts builds from examples/operations', async () => {
    expect(await readFile(PERSISTED_DOCUMENTS_FILE, 'utf8')).toBe(
      await persistedDocumentsFile(process.cwd()),
    );
  });

  it('loads as a map of sha256 ids to documents', async () => {
    const documents = await loadPersistedDocuments(PERSISTED_DOCUMENTS_FILE);
    expect(documents.size).toBeGreaterThan(5);
  });

  it('keys each operation by the sha256 of its printed text, with the fragments it spreads', () => {
    const manifest = buildPersistedDocuments([
      'query A { ...F }\nquery B { x }',
      'fragment F on Query { y }',
    ]);
    expect(Object.values(manifest).sort()).toEqual([
      'query A {\n  ...F\n}\n\nfragment F on Query {\n  y\n}',
      'query B {\n  x\n}',
    ]);
  });
});
