import { describe, expect, it } from "vitest";
import { createManualClock, createPacedClock, DEFAULT_PACE } from "../../src/sandbox/index.js";

describe("the sandbox's simulated clock", () => {
  it("a paced clock runs `pace` simulated seconds per real second", () => {
    let real = 1_000_000;
    const clock = createPacedClock({ pace: 20, startEpochMs: Date.parse("2026-11-26T09:00:00Z"), realNow: () => real });
    expect(new Date(clock.now()).toISOString()).toBe("2026-11-26T09:00:00.000Z");
    real += 1500;
    expect(new Date(clock.now()).toISOString()).toBe("2026-11-26T09:00:30.000Z");
    real += 60_000;
    expect(new Date(clock.now()).toISOString()).toBe("2026-11-26T09:20:30.000Z");
  });

  it("by default a paced clock starts at the real time and runs ahead of it at the default pace", () => {
    let real = Date.parse("2026-11-26T09:41:17Z");
    const clock = createPacedClock({ realNow: () => real });
    expect(clock.pace).toBe(DEFAULT_PACE);
    expect(new Date(clock.now()).toISOString()).toBe("2026-11-26T09:41:17.000Z");
    real += 3000;
    expect(clock.now() - Date.parse("2026-11-26T09:41:17Z")).toBe(3000 * DEFAULT_PACE);
    expect(clock.now()).toBeGreaterThan(real);
  });

  it("a paced clock can also skip ahead; a manual clock moves only when advanced, never backwards", () => {
    const real = 5_000;
    const paced = createPacedClock({ pace: 2, startEpochMs: 0, realNow: () => real });
    paced.advance(60);
    expect(paced.now()).toBe(60_000);

    const manual = createManualClock(Date.parse("2026-11-26T09:00:00Z"));
    manual.advance(90);
    expect(new Date(manual.now()).toISOString()).toBe("2026-11-26T09:01:30.000Z");
    expect(() => manual.advance(-1)).toThrow(RangeError);
    expect(() => createPacedClock({ pace: 0 })).toThrow(RangeError);
  });
});
