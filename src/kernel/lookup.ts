/**
 * Lookups by a name that came from outside (a person's words, a policy file, a wire format).
 * Plain objects answer to "constructor", "toString" or "__proto__" with built-ins of every
 * JavaScript object; these answer only with what the table itself holds.
 */

/** The value a table holds under this name, or undefined: never an inherited built-in. */
export function ownValue<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** A copy of a record with no prototype, so indexing it by any name is safe. */
export function withoutPrototype<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}
