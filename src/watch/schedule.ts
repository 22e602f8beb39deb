/**
 * When to poll next. Frequent while something moves, slower the longer nothing does, rare when
 * nothing is tracked, and backing off (with jitter, so several bots do not retry in step) while
 * SageMaker throttles.
 */
export interface PollTiming {
  /** After a round that saw a change, and right after something new is tracked. */
  fastMs: number;
  /** The slowest rate while something is tracked and not moving. */
  slowMs: number;
  /** With nothing tracked; `track()` wakes the loop earlier. */
  idleMs: number;
  /** The longest wait after throttling. */
  maxBackoffMs: number;
}

export const DEFAULT_TIMING: PollTiming = { fastMs: 15_000, slowMs: 120_000, idleMs: 600_000, maxBackoffMs: 600_000 };

interface RoundOutcome {
  active: number;
  changed: boolean;
  throttled: boolean;
}

export interface ScheduleState {
  delayMs: number;
  /** Throttled rounds in a row. */
  throttledStreak: number;
}

/** The delay before the next round, given the last one; `random` is in [0, 1). */
export function nextSchedule(previous: ScheduleState, round: RoundOutcome, timing: PollTiming, random: () => number): ScheduleState {
  if (round.throttled) {
    const streak = previous.throttledStreak + 1;
    // The first throttled round backs off from a busy round's pace, not from a long idle pause
    // (which would leave minutes of silence); then it grows 1.5 to 2 times a round (the spread
    // keeps several bots out of step), up to the ceiling.
    const base = previous.throttledStreak === 0 ? timing.fastMs : Math.max(timing.fastMs, previous.delayMs);
    const grown = base * (1.5 + random() / 2);
    return { delayMs: Math.round(Math.min(timing.maxBackoffMs, grown)), throttledStreak: streak };
  }
  if (round.active === 0) return { delayMs: timing.idleMs, throttledStreak: 0 };
  if (round.changed) return { delayMs: timing.fastMs, throttledStreak: 0 };
  return { delayMs: Math.min(timing.slowMs, Math.max(timing.fastMs, Math.round(previous.delayMs * 1.5))), throttledStreak: 0 };
}

/**
 * For types SageMaker cannot list by modification time (tuning, transform, pipelines): how long
 * a resource may go unchecked, growing with how long it has been unchanged.
 */
export function checkIntervalMs(sinceChangeMs: number, timing: PollTiming): number {
  return Math.min(timing.slowMs, Math.max(timing.fastMs, Math.round(sinceChangeMs / 4)));
}
