/**
 * The checked-in SDL is a product surface: it must be exactly what the code emits, and the API must not
 * break clients of the last released baseline unless the break is recorded as intended.
 */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unintendedBreakingChanges } from '../../schema/tools/breaking-changes.js';
import { composeGraph } from '../../schema/tools/compose-graph.js';
import { BASELINE_FILE, readIntendedChanges, schemaFiles } from '../../schema/tools/schema-files.js';
import { undocumentedCoordinates } from '../../schema/tools/undocumented.js';
import { subgraphEntries } from '../../subgraphs/index.js';

const root = process.cwd();
const graph = composeGraph(subgraphEntries());
const files = schemaFiles(graph);

describe('checked-in schema', () => {
  it.each(Object.keys(files))(
    '%s matches the code (run `npm run compose` after a schema change)',
    async (file) => {
      expect(await readFile(path.join(root, file), 'utf8')).toBe(files[file]);
    },
  );

  it('breaks no client of the released baseline unless recorded as intended', async () => {
    const baseline = await readFile(path.join(root, BASELINE_FILE), 'utf8');
    expect(
      await unintendedBreakingChanges(baseline, graph.publicSdl, await readIntendedChanges(root)),
    ).toEqual([]);
  });

  it('describes every type, field, argument and enum value of the API', () => {
    expect(undocumentedCoordinates(graph.publicSdl)).toEqual([]);
  });
});
