/**
 * Simulated time for the sandbox. Every status the sandbox reports is derived from this clock,
 * never from the wall clock, so a manual clock makes the whole simulation deterministic.
 */

export interface SandboxClock {
  /** Simulated now, in epoch milliseconds. */
  now(): number;
  /** Jumps simulated time forward (the only way a manual clock moves). */
  advance(simulatedSeconds: number): void;
}

/** A clock that moves only when told: for tests. */
export type ManualClock = SandboxClock;

/** A clock that runs `pace` simulated seconds per real second. */
interface PacedClock extends SandboxClock {
  readonly pace: number;
}

/**
 * Simulated seconds per real second by default: a training job (about ten simulated minutes)
 * finishes in roughly half a real minute.
 */
export const DEFAULT_PACE = 20;

/** 2026-11-26T09:00:00Z, the morning the example set-up (docs/architecture.md, section 3) takes place. */
const EXAMPLE_START_MS = Date.UTC(2026, 10, 26, 9, 0, 0);

export function createManualClock(startEpochMs: number = EXAMPLE_START_MS): ManualClock {
  let now = startEpochMs;
  return {
    now: () => now,
    advance(simulatedSeconds: number) {
      now += forwardMs(simulatedSeconds);
    },
  };
}

function forwardMs(simulatedSeconds: number): number {
  if (!Number.isFinite(simulatedSeconds) || simulatedSeconds < 0) throw new RangeError(`a clock only moves forward, not by ${simulatedSeconds}s`);
  return simulatedSeconds * 1000;
}

export interface PacedClockOptions {
  pace?: number;
  /** Simulated time at the moment the clock is created (default: the real time then). */
  startEpochMs?: number;
  /** The real clock, in epoch milliseconds (default Date.now). */
  realNow?: () => number;
}


export function createPacedClock(options: PacedClockOptions = {}): PacedClock {
  const pace = options.pace ?? DEFAULT_PACE;
  if (!Number.isFinite(pace) || pace <= 0) throw new RangeError(`pace must be a positive number of simulated seconds per real second, not ${pace}`);
  const realNow = options.realNow ?? Date.now;
  const realStart = realNow();
  // Starting at real time and running faster, simulated time is never behind the bot's clock,
  // so durations the bot works out against its own clock are never inflated.
  const simulatedStart = options.startEpochMs ?? realStart;
  let skipped = 0;
  return {
    pace,
    now: () => simulatedStart + skipped + (realNow() - realStart) * pace,
    advance(simulatedSeconds: number) {
      skipped += forwardMs(simulatedSeconds);
    },
  };
}
