// @ts-check
/**
 * The PostgreSQL connection of src/store/postgres.ts, on its own thread: the store's interface is
 * synchronous, so the main thread posts one query, sleeps on a shared flag, and reads the answer
 * from the port once this thread has set the flag. Plain JavaScript, so it loads in a worker with
 * no TypeScript loader. One connection: every call from the main thread is one after another.
 */
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

// BIGINT (counts, ids) as numbers, as SQLite gives them; the store's integers stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** @type {{ url: string; flag: Int32Array; port: import("node:worker_threads").MessagePort; connectTimeoutMs: number }} */
const { url, flag, port, connectTimeoutMs } = workerData;

/** @type {pg.Client | undefined} */
let client;

/** A connection, made again after one was lost (the server restarted, the network dropped). */
async function connected() {
  if (client) return client;
  const fresh = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, application_name: "sageops" });
  // A connection that drops between queries is noticed here and replaced on the next query.
  fresh.on("error", () => {
    if (client === fresh) client = undefined;
  });
  try {
    await fresh.connect();
  } catch (error) {
    await fresh.end().catch(() => undefined);
    throw error;
  }
  client = fresh;
  return fresh;
}

/** @param {{ sql: string; params?: unknown[] }} request */
async function answer(request) {
  const connection = await connected();
  try {
    const result = await connection.query({ text: request.sql, values: request.params ?? [] });
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return { rows: last?.rows ?? [], changes: last?.rowCount ?? 0 };
  } catch (error) {
    // A broken connection is dropped, so the next query connects again instead of failing for good.
    if (!(error instanceof Error && "code" in error && typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code))) {
      if (client === connection) client = undefined;
      await connection.end().catch(() => undefined);
    }
    throw error;
  }
}

port.on("message", async (/** @type {{ sql: string; params?: unknown[] } | { end: true }} */ request) => {
  let reply;
  if ("end" in request) {
    await client?.end().catch(() => undefined);
    reply = { rows: [], changes: 0 };
  } else {
    try {
      reply = await answer(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
      reply = { error: { message: message || (error instanceof AggregateError ? error.errors.map(String).join("; ") : "PostgreSQL failed"), code } };
    }
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
parentPort?.postMessage("ready");
