import { type Document, isMap, isNode, isScalar, isSeq, type LineCounter, type Node } from "yaml";

interface Location {
  /** 1-based line of the key (or item) at the path, or of the nearest ancestor that exists. */
  line?: number;
  /** True when the whole path exists in the document. */
  exists: boolean;
}

function lineOf(node: Node | null | undefined, lines: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lines.linePos(start).line;
}

/**
 * Where a path (as zod reports it) sits in a YAML document. Map entries point at their key,
 * so "environments.dev.maxInstanceCount" lands on the line where that key is written.
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): Location {
  let node: unknown = doc.contents;
  let line = lineOf(doc.contents, lines);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { line, exists: false };
      line = lineOf(isScalar(pair.key) ? pair.key : null, lines) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (!isNode(item)) return { line, exists: false };
      line = lineOf(item, lines) ?? line;
      node = item;
    } else {
      return { line, exists: false };
    }
  }
  return { line, exists: true };
}
