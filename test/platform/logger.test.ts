import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { currentCorrelationId, newCorrelationId, withCorrelationId } from '../../platform/correlation.js';
import { createLogger } from '../../platform/logger.js';

describe('correlation id', () => {
  it('is carried through awaits and absent outside', async () => {
    const id = newCorrelationId();
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await withCorrelationId(id, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentCorrelationId();
    });
    expect(seen).toBe(id);
    expect(currentCorrelationId()).toBeUndefined();
  });
});

describe('createLogger', () => {
  it('writes JSON lines that carry the current correlation id', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const direct = createLogger({ name: 'test', level: 'info', destination: sink });
    withCorrelationId('corr-1', () => direct.info({ model: 'sale.order' }, 'called'));
    direct.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({
      name: 'test',
      msg: 'called',
      model: 'sale.order',
      correlationId: 'corr-1',
    });
    expect(outside).not.toHaveProperty('correlationId');
  });
});
