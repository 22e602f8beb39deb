/**
 * Injected faults: throttling, server errors and added latency, per sandbox instance. With a
 * random seed the sequence of faults is the same on every run, so tests can rely on it.
 */
import { z } from "zod";
import { seededRandom } from "./random.js";

export const FaultSettingsSchema = z.object({
  /** Share of calls answered with ThrottlingException (0..1). */
  throttleRate: z.number().min(0).max(1).optional(),
  /** Share of calls answered with HTTP 500 or 503 (0..1). */
  errorRate: z.number().min(0).max(1).optional(),
  /** Real milliseconds added to every answer. */
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** Seeds the fault sequence; without one it differs from run to run. */
  randomSeed: z.number().int().optional(),
});
export type FaultSettings = z.infer<typeof FaultSettingsSchema>;

export type Fault = "throttle" | "internal-error" | "unavailable";

export class FaultInjector {
  private throttleRate = 0;
  private errorRate = 0;
  private latency = 0;
  private random: () => number = Math.random;

  constructor(settings: FaultSettings = {}) {
    this.set(settings);
  }

  /** Changes the given settings and keeps the others; a new seed restarts the sequence. */
  set(settings: FaultSettings): void {
    const parsed = FaultSettingsSchema.parse(settings);
    if (parsed.throttleRate !== undefined) this.throttleRate = parsed.throttleRate;
    if (parsed.errorRate !== undefined) this.errorRate = parsed.errorRate;
    if (parsed.latencyMs !== undefined) this.latency = parsed.latencyMs;
    if (parsed.randomSeed !== undefined) this.random = seededRandom(parsed.randomSeed);
  }

  get latencyMs(): number {
    return this.latency;
  }

  /** Decides the fate of one call. Draws from the sequence only while a rate is set. */
  next(): Fault | undefined {
    if (this.throttleRate > 0 && this.random() < this.throttleRate) return "throttle";
    if (this.errorRate > 0) {
      const draw = this.random();
      if (draw < this.errorRate) return draw < this.errorRate / 2 ? "internal-error" : "unavailable";
    }
    return undefined;
  }
}
