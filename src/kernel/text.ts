/**
 * Characters that make text read differently from what it is: bidi controls and zero-width
 * characters. The guard refuses them in what would run; the Slack wing shows them in what it sends.
 */
const INVISIBLE_CLASS = "\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF";

/** Every invisible character (global: for replacing them all). */
export const INVISIBLE_CHARACTERS = new RegExp(`[${INVISIBLE_CLASS}]`, "gu");

/** An invisible character or a control character (SageMaker's `.*` takes no line breaks either). */
export const INVISIBLE_OR_CONTROL = new RegExp(`[\\p{Cc}${INVISIBLE_CLASS}]`, "u");

/** "U+202E": a character as a person can read it back. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
