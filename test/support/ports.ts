import { createServer } from "node:net";

/**
 * A loopback port nobody listens on right now, below Linux's ephemeral range (32768 and up): a
 * port in that range, freed by a killed process, may be taken by any outgoing connection before
 * the process starts again on it. Free of vitest, so the bench can use it too.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}
