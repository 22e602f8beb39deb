/** A user-facing problem: what was wrong and how to fix it (the Slack wing renders it). */
export interface Problem {
  what: string;
  fix?: string;
  /** One line per rule that failed, for refusals. */
  detail?: string[];
  /** What the person may have meant, offered to pick instead of typing it again. */
  choices?: Choice[];
}

/** One reading offered to pick: its label, and the words it stands for, read as if typed. */
export interface Choice {
  label: string;
  text: string;
}

/** The one result shape of the core: a value (with an optional note for the person), or a problem. */
export type Result<T> = { ok: true; value: T; note?: string } | { ok: false; problem: Problem };

export const ok = <T>(value: T, note?: string): Result<T> => (note === undefined ? { ok: true, value } : { ok: true, value, note });
export const fail = <T>(problem: Problem): Result<T> => ({ ok: false, problem });
