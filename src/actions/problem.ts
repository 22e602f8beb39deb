/** A user-facing problem: what was wrong and how to fix it (rendered by blocks/notice.ts). */
export interface Problem {
  what: string;
  fix?: string;
  /** One line per rule that failed, for refusals. */
  detail?: string[];
}

export type Outcome<T> = { ok: true; value: T; note?: string } | { ok: false; problem: Problem };

export const ok = <T>(value: T, note?: string): Outcome<T> => ({ ok: true, value, note });
export const fail = <T>(problem: Problem): Outcome<T> => ({ ok: false, problem });
