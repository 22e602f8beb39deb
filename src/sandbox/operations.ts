/** How a resource family exposes its SageMaker operations to the server. */
import type { UserContext } from "./identity.js";

/** Handles one operation's JSON input at simulated time `now`, from `caller` when known, and returns its JSON output. */
export type OperationHandler = (input: unknown, now: number, caller: UserContext | undefined) => unknown;

export type Operations = Record<string, OperationHandler>;

/** Drops undefined members, so a JSON answer carries only what SageMaker would send. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
