/** Deterministic randomness: a seeded PRNG for faults and stable hashes for simulated values. */
import { createHash } from "node:crypto";

/** mulberry32: small, fast and good enough for fault injection. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable value in [0, 1) for a string: the same name always gets the same simulated numbers. */
export function unitHash(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 4294967296;
}

/** A stable lowercase hex id of `length` characters for a string. */
export function hexId(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A stable lowercase alphanumeric id (pipeline execution ids look like this). */
export function alnumId(text: string, length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = createHash("sha256").update(text).digest();
  let id = "";
  for (let i = 0; i < length; i += 1) id += alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length];
  return id;
}

/** Rounds to a few decimals, as metrics are reported. */
export function round(value: number, decimals = 4): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
