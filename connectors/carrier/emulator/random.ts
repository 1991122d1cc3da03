export { seededRandom } from '../../shared/seeded-random.js';

/** FNV-1a of a string: a seed derived from content, so the same input draws the same numbers. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `count` random characters of `alphabet`. */
export function randomChars(random: () => number, alphabet: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** An EasyPost-style id: prefix, underscore, 32 hex characters. */
export function objectId(prefix: string, random: () => number): string {
  return `${prefix}_${randomChars(random, '0123456789abcdef', 32)}`;
}
