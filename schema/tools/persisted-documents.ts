import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';

/** The trusted documents' manifest, committed beside the schema. */
export const PERSISTED_DOCUMENTS_FILE = 'schema/persisted-documents.json';
/** Where the operations it is built from live. */
export const OPERATIONS_DIR = 'examples/operations';

/** The fragments `definition` spreads, directly or through other fragments. */
function fragmentsOf(definition: DefinitionNode, all: ReadonlyMap<string, FragmentDefinitionNode>) {
  const found = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = all.get(spread.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(definition);
  return [...found.values()];
}

/**
 * One document per operation of `sources` (with the fragments it uses), printed canonically, keyed by
 * the hex sha256 of that text: the id a client sends as `documentId` or APQ `sha256Hash`.
 */
export function buildPersistedDocuments(sources: readonly string[]): Record<string, string> {
  const definitions = sources.flatMap((source) => parse(source).definitions);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const manifest: Record<string, string> = {};
  for (const operation of definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
    const text = print({
      kind: Kind.DOCUMENT,
      definitions: [operation, ...fragmentsOf(operation, fragments)],
    });
    manifest[createHash('sha256').update(text).digest('hex')] = text;
  }
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}

/** The manifest's text as committed, built from the operations under `root`. */
export async function persistedDocumentsFile(root: string): Promise<string> {
  const dir = path.join(root, OPERATIONS_DIR);
  const files = (await readdir(dir)).filter((file) => file.endsWith('.graphql')).sort();
  const sources = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
  return `${JSON.stringify(buildPersistedDocuments(sources), null, 2)}\n`;
}

/** The manifest at `file` as a map from id to document. */
export async function loadPersistedDocuments(file: string): Promise<Map<string, string>> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file} must be a JSON object of id to document`);
  const entries = Object.entries(parsed as Record<string, unknown>);
  for (const [id, document] of entries)
    if (!/^[0-9a-f]{64}$/.test(id) || typeof document !== 'string')
      throw new Error(`${file}: entry ${id.slice(0, 70)} is not a sha256 id with a document`);
  return new Map(entries as [string, string][]);
}
