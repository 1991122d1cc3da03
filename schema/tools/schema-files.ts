import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComposedGraph } from './compose-graph.js';
import { intendedChangesSchema, type IntendedChange } from './breaking-changes.js';

/** The schema folder: checked-in SDL, so a schema change shows in review. */
export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every file `npm run compose` writes, by path relative to the repository, with its content. */
export function schemaFiles(graph: ComposedGraph): Record<string, string> {
  const files: Record<string, string> = {
    'schema/supergraph.graphql': graph.supergraphSdl,
    'schema/api.graphql': graph.publicSdl,
  };
  for (const [name, sdl] of Object.entries(graph.subgraphSdl))
    files[`schema/subgraphs/${name}.graphql`] = `${sdl.trimEnd()}\n`;
  for (const [file, content] of Object.entries(files)) files[file] = `${content.trimEnd()}\n`;
  return files;
}

/** The API as last released: what breaking changes are measured against. */
export const BASELINE_FILE = 'schema/baseline/api.graphql';
/** Breaking changes recorded as intended since that release. */
export const INTENDED_FILE = 'schema/baseline/intended-breaking-changes.json';

export async function readIntendedChanges(root: string): Promise<IntendedChange[]> {
  return intendedChangesSchema.parse(JSON.parse(await readFile(path.join(root, INTENDED_FILE), 'utf8')));
}
