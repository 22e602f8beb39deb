/** The filter, sort and pagination mechanics shared by the List* operations. */
import { validationError } from "./errors.js";

type SortOrder = "Ascending" | "Descending";

/** Sorts by a key (strings or numbers), stably, in the requested order. */
export function sortItems<T>(items: readonly T[], key: (item: T) => string | number, order: SortOrder): T[] {
  const direction = order === "Ascending" ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -direction : ka > kb ? direction : 0;
  });
}

/** True when `timeMs` lies strictly between the optional bounds, as SageMaker's *After / *Before filters. */
export function within(timeMs: number | undefined, after: number | undefined, before: number | undefined): boolean {
  if (after === undefined && before === undefined) return true;
  if (timeMs === undefined) return false;
  return (after === undefined || timeMs > after) && (before === undefined || timeMs < before);
}

const TOKEN_PREFIX = "sandbox-page:";

/** One page of `items` and the token for the next (an opaque offset, as SageMaker's tokens are opaque). */
export function paginate<T>(items: readonly T[], options: { maxResults?: number; nextToken?: string; defaultMax?: number }): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (options.nextToken !== undefined) {
    const decoded = Buffer.from(options.nextToken, "base64url").toString("utf8");
    const parsed = decoded.startsWith(TOKEN_PREFIX) ? Number(decoded.slice(TOKEN_PREFIX.length)) : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < 0) throw validationError("Invalid pagination token: the NextToken is not one this API returned.");
    offset = parsed;
  }
  const size = options.maxResults ?? options.defaultMax ?? 10;
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: Buffer.from(`${TOKEN_PREFIX}${next}`, "utf8").toString("base64url") } : { page };
}
