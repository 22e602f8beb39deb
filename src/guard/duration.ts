const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Seconds in a policy duration: a whole number of seconds, or text such as "2h", "90m",
 * "3600s", "1h30m" or "1d". Undefined when the value is none of these or is zero.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 ? value : undefined;
  const text = value.trim().toLowerCase().replace(/\s+/g, "");
  if (/^\d+$/.test(text)) return parseDuration(Number(text));
  const match = DURATION.exec(text);
  if (!match || text === "") return undefined;
  const [, days, hours, minutes, seconds] = match;
  const total =
    Number(days ?? 0) * UNIT_SECONDS.d + Number(hours ?? 0) * UNIT_SECONDS.h + Number(minutes ?? 0) * UNIT_SECONDS.m + Number(seconds ?? 0) * UNIT_SECONDS.s;
  return total > 0 ? total : undefined;
}

/** Seconds as a person writes them: "4h", "90m" stays "1h30m", "45s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds === 0) return "0s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join("");
}
