/** A small seedable PRNG (mulberry32), so that rates, codes and tracking histories replay exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
