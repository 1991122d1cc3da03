/** The typed documents under examples/generated must be what `npm run codegen` makes of the current API. */
import { describe, expect, it } from '@jest/globals';
import { generate } from '@graphql-codegen/cli';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import config from '../../codegen.js';

describe('generated client types', () => {
  it('match the API schema and the operations (run `npm run codegen` after a change)', async () => {
    const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(await readFile(path.resolve(output.filename), 'utf8')).toBe(output.content);
    }
  });
});
