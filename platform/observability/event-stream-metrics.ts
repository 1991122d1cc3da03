import { Gauge, type Registry } from 'prom-client';
import type { RedisClient } from '../redis.js';

/** An event stream whose depth is read from Redis at every scrape. */
export interface EventStreamSource {
  redis: RedisClient;
  /** The stream's key, e.g. `dg:events`; its dead letters are in `<stream>:dead`. */
  stream: string;
}

interface StreamReading {
  length: number;
  dead: number;
  groups: { name: string; lag: number | null; pending: number }[];
}

const READ_TIMEOUT_MS = 1000;

async function read(source: EventStreamSource): Promise<StreamReading | null> {
  const { redis, stream } = source;
  if (!redis.isReady) return null;
  const reading = Promise.all([redis.xLen(stream), redis.xLen(`${stream}:dead`), redis.xInfoGroups(stream)]);
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, READ_TIMEOUT_MS, null).unref());
  try {
    const answer = await Promise.race([reading, timeout]);
    if (!answer) return null;
    const [length, dead, groups] = answer;
    return {
      length,
      dead,
      groups: groups.map((group) => ({
        name: String(group.name),
        lag: typeof group.lag === 'number' ? group.lag : null,
        pending: Number(group.pending),
      })),
    };
  } catch {
    return null; // no stream yet (XINFO answers ERR no such key) or Redis unreachable: no sample
  }
}

/**
 * `dg_event_stream_length{stream}`, `dg_event_consumer_lag{stream, group}` (entries not yet delivered
 * to the group; absent when Redis cannot tell), `dg_event_consumer_pending{stream, group}` (delivered,
 * not acknowledged) and `dg_event_dead_letters{stream}`, read from Redis when scraped (XLEN, XINFO
 * GROUPS). A stream that cannot be read then has no sample. `track` returns the function that stops.
 */
export function registerEventStreamMetrics(registry: Registry): {
  track(source: EventStreamSource): () => void;
} {
  const sources = new Set<EventStreamSource>();
  let scrape: Promise<Map<EventStreamSource, StreamReading | null>> | undefined;
  // One read per stream and scrape, shared by the four gauges (prom-client collects them one by one).
  const readings = () => {
    scrape ??= (async () => {
      const all = await Promise.all([...sources].map(async (s) => [s, await read(s)] as const));
      setTimeout(() => (scrape = undefined), 200).unref();
      return new Map(all);
    })();
    return scrape;
  };
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (g: Gauge<L>, source: EventStreamSource, reading: StreamReading) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [source, reading] of await readings()) if (reading) fill(this, source, reading);
      },
    });
  gauge('dg_event_stream_length', 'Entries in the event stream.', ['stream'], (g, s, r) =>
    g.set({ stream: s.stream }, r.length),
  );
  gauge(
    'dg_event_dead_letters',
    'Events consumer groups gave up on (<stream>:dead).',
    ['stream'],
    (g, s, r) => g.set({ stream: s.stream }, r.dead),
  );
  gauge(
    'dg_event_consumer_lag',
    'Entries not yet delivered to the consumer group.',
    ['stream', 'group'],
    (g, s, r) => {
      for (const group of r.groups)
        if (group.lag !== null) g.set({ stream: s.stream, group: group.name }, group.lag);
    },
  );
  gauge(
    'dg_event_consumer_pending',
    'Entries delivered to the consumer group and not acknowledged yet.',
    ['stream', 'group'],
    (g, s, r) => {
      for (const group of r.groups) g.set({ stream: s.stream, group: group.name }, group.pending);
    },
  );
  return {
    track(source) {
      sources.add(source);
      return () => void sources.delete(source);
    },
  };
}
