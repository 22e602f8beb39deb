import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { boltLogger } from "../src/slack/logger.js";

function capture(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, destination };
}

describe("the logs keep secrets out", () => {
  const TOKEN = "xoxb-1234-5678-SENTINELsecret";
  const KEY_ID = "AKIAABCDEFGHIJKLMNOP";

  it("a token a person pasted into a command is masked in a debug line's message, ours or Bolt's", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "debug", destination });
    logger.debug(`command text: /train churn-xgb note=${TOKEN}`);
    boltLogger(logger).debug("request body", { text: `note=${TOKEN} key=${KEY_ID}` });
    const written = lines.join("");
    expect(written).toContain("[REDACTED]");
    expect(written).toContain("command text");
    expect(written).not.toContain("SENTINELsecret");
    expect(written).not.toContain(KEY_ID);
  });

  it("secret fields and error messages are masked too", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "debug", destination });
    logger.info({ botToken: TOKEN, err: new Error(`auth failed for ${TOKEN}`) }, "starting");
    expect(lines.join("")).not.toContain("SENTINELsecret");
  });
});
