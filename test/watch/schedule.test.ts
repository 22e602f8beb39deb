import { describe, expect, it } from "vitest";
import { checkIntervalMs, DEFAULT_TIMING, nextSchedule, type ScheduleState } from "../../src/watch/schedule.js";

const timing = DEFAULT_TIMING;
const start: ScheduleState = { delayMs: timing.fastMs, throttledStreak: 0 };

describe("the poll schedule", () => {
  it("polls often while something moves and slows down while nothing does", () => {
    let state = nextSchedule(start, { active: 3, changed: true, throttled: false }, timing, Math.random);
    expect(state.delayMs).toBe(timing.fastMs);
    const delays: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      state = nextSchedule(state, { active: 3, changed: false, throttled: false }, timing, Math.random);
      delays.push(state.delayMs);
    }
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays[delays.length - 1]).toBe(timing.slowMs);
    expect(nextSchedule(state, { active: 3, changed: true, throttled: false }, timing, Math.random).delayMs).toBe(timing.fastMs);
  });

  it("rests when nothing is tracked", () => {
    expect(nextSchedule(start, { active: 0, changed: false, throttled: false }, timing, Math.random).delayMs).toBe(timing.idleMs);
  });

  it("backs off further on each throttled round, up to a ceiling, and never faster than before", () => {
    for (const random of [() => 0, () => 0.999]) {
      let state = start;
      const delays: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        state = nextSchedule(state, { active: 5, changed: false, throttled: true }, timing, random);
        delays.push(state.delayMs);
      }
      expect(delays[0]).toBeGreaterThanOrEqual(timing.fastMs);
      expect(delays).toEqual([...delays].sort((a, b) => a - b));
      expect(Math.max(...delays)).toBeLessThanOrEqual(timing.maxBackoffMs);
      expect(delays[delays.length - 1]).toBeGreaterThan(timing.maxBackoffMs / 2 - 1);
      expect(state.throttledStreak).toBe(12);
      expect(nextSchedule(state, { active: 5, changed: true, throttled: false }, timing, random)).toEqual({ delayMs: timing.fastMs, throttledStreak: 0 });
    }
  });

  it("a throttled round after a long idle pause backs off from a busy round's pace, not from the idle pause", () => {
    const idle: ScheduleState = { delayMs: timing.idleMs, throttledStreak: 0 };
    const next = nextSchedule(idle, { active: 5, changed: false, throttled: true }, timing, () => 0.5);
    expect(next.delayMs).toBeLessThanOrEqual(2 * timing.fastMs);
    expect(next.throttledStreak).toBe(1);
  });

  it("checks an unlisted resource less often the longer it stays the same", () => {
    expect(checkIntervalMs(0, timing)).toBe(timing.fastMs);
    expect(checkIntervalMs(4 * 60_000, timing)).toBe(60_000);
    expect(checkIntervalMs(3_600_000, timing)).toBe(timing.slowMs);
  });
});
