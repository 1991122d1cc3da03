/**
 * `npm run compose`: writes each subgraph's SDL, the supergraph and the API schema under schema/.
 * `npm run compose -- --check`: changes nothing; exits 1 when the files drift from the code or the API
 *   breaks clients in a way not recorded in schema/baseline/intended-breaking-changes.json.
 * `npm run compose -- --release`: makes the current API the new baseline and clears the intended list.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unintendedBreakingChanges } from '../schema/tools/breaking-changes.js';
import { composeGraph } from '../schema/tools/compose-graph.js';
import {
  BASELINE_FILE,
  INTENDED_FILE,
  readIntendedChanges,
  schemaFiles,
} from '../schema/tools/schema-files.js';
import { subgraphEntries } from '../subgraphs/index.js';

const root = process.cwd();
const mode = process.argv.includes('--check')
  ? 'check'
  : process.argv.includes('--release')
    ? 'release'
    : 'write';
const graph = composeGraph(subgraphEntries());
const files = schemaFiles(graph);
const read = (file: string) => readFile(path.join(root, file), 'utf8').catch(() => null);

if (mode === 'check') {
  const drifted = [];
  for (const [file, content] of Object.entries(files)) if ((await read(file)) !== content) drifted.push(file);
  const baseline = (await read(BASELINE_FILE)) ?? graph.publicSdl;
  const breaking = await unintendedBreakingChanges(
    baseline,
    graph.publicSdl,
    await readIntendedChanges(root),
  );
  for (const file of drifted)
    process.stderr.write(`drift: ${file} differs from the code; run npm run compose\n`);
  for (const change of breaking)
    process.stderr.write(`breaking: ${change.type} at ${change.path}: ${change.message}\n`);
  if (drifted.length + breaking.length > 0) process.exit(1);
  process.stderr.write('schema files match the code; no unintended breaking change\n');
} else {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  if (mode === 'release' || (await read(BASELINE_FILE)) === null) {
    await mkdir(path.dirname(path.join(root, BASELINE_FILE)), { recursive: true });
    await writeFile(path.join(root, BASELINE_FILE), files['schema/api.graphql']!);
    await writeFile(path.join(root, INTENDED_FILE), '[]\n');
  }
  process.stderr.write(`wrote ${Object.keys(files).join(', ')}\n`);
}
