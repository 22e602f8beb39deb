/** Report files as Model Monitor and Clarify write them: indented JSON with a final newline. */
export function reportJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
