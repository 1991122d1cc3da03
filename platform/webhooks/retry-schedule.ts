const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When a failed delivery is tried again: `delaysMs[i]` is the wait after failed attempt `i + 1`, so a
 * delivery gets `delaysMs.length + 1` attempts. Each wait is spread by ±`jitter` (a fraction) so that
 * endpoints that failed together are not all retried in the same instant.
 */
export interface RetrySchedule {
  delaysMs: readonly number[];
  /** Default 0.2 (±20 %). */
  jitter?: number;
}

/**
 * The Standard Webhooks / Svix schedule: immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h: 8 attempts over about 27.6 hours (±20 % per wait), then the delivery is dead-lettered.
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  delaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  jitter: 0.2,
};

/** How many attempts a delivery gets under `schedule`. */
export function attemptsOf(schedule: RetrySchedule): number {
  return schedule.delaysMs.length + 1;
}

/** The wait after `failedAttempts` failed attempts, with jitter; `random` is in [0, 1). */
export function retryDelayMs(
  schedule: RetrySchedule,
  failedAttempts: number,
  random = Math.random(),
): number {
  const delays = schedule.delaysMs;
  const base = delays[Math.min(Math.max(failedAttempts, 1), delays.length) - 1] ?? 0;
  const jitter = schedule.jitter ?? 0.2;
  return Math.max(0, Math.round(base * (1 + jitter * (2 * random - 1))));
}
