/**
 * Renews a lease every `everyMs` of real time (the lease is read by other processes) until the
 * returned stop is called. A renewal that throws (the store closed while shutting down) ends the
 * beats: the lease runs out and another process takes over.
 */
export function startHeartbeat(renew: () => void, everyMs: number): () => void {
  const timer = setInterval(() => {
    try {
      renew();
    } catch {
      clearInterval(timer);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
