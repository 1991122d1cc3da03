/** The error catalogue stays one list of unique, documented codes with sane HTTP statuses. */
import { describe, expect, it } from '@jest/globals';
import { errorCatalogue } from '../../platform/graphql/error-catalogue.js';

describe('the error catalogue', () => {
  const entries = Object.entries(errorCatalogue);

  it('has unique codes in SCREAMING_SNAKE_CASE', () => {
    const codes = entries.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it.each(entries)('documents %s with a message, a description and an HTTP status', (_code, entry) => {
    expect(entry.message.length).toBeGreaterThan(5);
    expect(entry.description.length).toBeGreaterThan(10);
    expect(entry.httpStatus).toBeGreaterThanOrEqual(400);
    expect(entry.httpStatus).toBeLessThan(600);
  });

  it('has a unique message per code, so a client can tell them apart', () => {
    const messages = entries.map(([, entry]) => entry.message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
