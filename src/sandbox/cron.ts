/**
 * Monitoring schedule expressions, the forms Model Monitor accepts: `cron(0 * ? * * *)` (hourly),
 * `cron(0 H ? * * *)` (daily at hour H), `cron(0 H/N ? * * *)` (every N
 * hours), hours also as a comma list. Times are UTC, as Model Monitor's are.
 */
import { HOUR, MINUTE } from "./env.js";

export interface Cadence {
  /** The first scheduled time strictly after `afterMs`. */
  next(afterMs: number): number;
  readonly expression: string;
}

function parseHours(field: string): number[] | undefined {
  const every = /^(\*|\d{1,2})\/(\d{1,2})$/.exec(field);
  if (field === "*") return Array.from({ length: 24 }, (_, h) => h);
  if (every) {
    const start = every[1] === "*" ? 0 : Number(every[1]);
    const step = Number(every[2]);
    if (start > 23 || step < 1 || step > 24) return undefined;
    const hours: number[] = [];
    for (let h = start; h < 24; h += step) hours.push(h);
    return hours;
  }
  if (/^\d{1,2}(,\d{1,2})*$/.test(field)) {
    const hours = field.split(",").map(Number);
    return hours.every((h) => h <= 23) ? [...new Set(hours)].sort((a, b) => a - b) : undefined;
  }
  return undefined;
}

export function parseScheduleExpression(expression: string): Cadence | undefined {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  const fields = match?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) return undefined;
  const [minuteField = "", hourField = "", dayOfMonth, month, dayOfWeek, year] = fields;
  if (!/^\d{1,2}$/.test(minuteField) || Number(minuteField) > 59) return undefined;
  if (!["?", "*"].includes(dayOfMonth ?? "") || month !== "*" || !["?", "*"].includes(dayOfWeek ?? "") || year !== "*") return undefined;
  const hours = parseHours(hourField);
  if (!hours || hours.length === 0) return undefined;
  const minute = Number(minuteField);
  const allowed = new Set(hours);
  return {
    expression,
    next(afterMs: number): number {
      let candidate = Math.floor(afterMs / HOUR) * HOUR + minute * MINUTE;
      for (let i = 0; i < 50; i += 1) {
        if (candidate > afterMs && allowed.has(new Date(candidate).getUTCHours())) return candidate;
        candidate += HOUR;
      }
      return candidate;
    },
  };
}
