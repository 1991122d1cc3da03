/**
 * Calls `renew` every `everyMs` until stopped, so that a lease outlives slow work but not a dead process.
 * A renewal that answers false (the lease is someone else's now) or throws stops the timer; the work
 * goes on, and whatever guards the next step (a token check, the connector's lookup) takes over.
 */
export function keepAlive(
  renew: () => Promise<boolean>,
  everyMs: number,
  onLost: (error?: unknown) => void,
): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    renew().then(
      (held) => {
        if (!held && !stopped) {
          stopped = true;
          clearInterval(timer);
          onLost();
        }
      },
      (error: unknown) => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        onLost(error);
      },
    );
  }, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
