/**
 * Rounds of work on a schedule, for the status tracker and drift watching alike: one round at a
 * time (concurrent callers share it), the next after the pause the round asks for, sooner when
 * woken, and a stop that waits for the round in progress (for at most `graceMs`, when given).
 */
import type { Clock } from "../kernel/clock.js";

export interface RoundLoopOptions<R> {
  clock: Clock;
  round: () => Promise<R>;
  /** The pause after a round: its result, or undefined when it failed. */
  pauseAfter: (result: R | undefined) => number;
  onError: (error: unknown) => void;
}

export class RoundLoop<R> {
  private running = false;
  private cancelTimer?: () => void;
  private inFlight?: Promise<R>;
  private wakeAfterRound = false;

  constructor(private readonly options: RoundLoopOptions<R>) {}

  /** One round now; a caller during a round gets that round's result. */
  runOnce(): Promise<R> {
    this.inFlight ??= this.options.round().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleNext(0);
  }

  async stop(graceMs?: number): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const round = this.inFlight?.catch(() => undefined);
    if (!round) return;
    if (graceMs === undefined) {
      await round;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([round, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  /** Runs a round now, or right after the one in progress. */
  wake(): void {
    if (!this.running) return;
    if (this.inFlight) this.wakeAfterRound = true;
    else this.scheduleNext(0);
  }

  private scheduleNext(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.options.clock.after(delayMs, () => {
      this.cancelTimer = undefined;
      void this.tick();
    });
  }

  private async tick(): Promise<void> {
    let result: R | undefined;
    try {
      result = await this.runOnce();
    } catch (error) {
      this.options.onError(error);
    }
    if (!this.running) return;
    const pause = this.wakeAfterRound ? 0 : this.options.pauseAfter(result);
    this.wakeAfterRound = false;
    this.scheduleNext(pause);
  }
}
