/**
 * Things that happen at a simulated time (a tuning job starting its next training job, a
 * monitoring execution writing its report). They run, in time order, when a request arrives
 * and the clock has passed them, so the simulation needs no timers and stays deterministic.
 */

type Effect = (at: number) => void;

interface Scheduled {
  at: number;
  seq: number;
  run: Effect;
}

export class Timeline {
  private readonly pending: Scheduled[] = [];
  private seq = 0;

  schedule(at: number, run: Effect): void {
    const entry = { at, seq: this.seq++, run };
    // Keep the queue sorted by (at, seq): insertion is rare next to reads.
    let low = 0;
    let high = this.pending.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.pending[mid];
      if (other !== undefined && (other.at < at || (other.at === at && other.seq < entry.seq))) low = mid + 1;
      else high = mid;
    }
    this.pending.splice(low, 0, entry);
  }

  /** Runs everything due at or before `now`, including effects scheduled by those effects. */
  runUntil(now: number): void {
    for (;;) {
      const next = this.pending[0];
      if (next === undefined || next.at > now) return;
      this.pending.shift();
      next.run(next.at);
    }
  }
}
