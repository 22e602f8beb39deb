import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.js";

const toPino: Record<LogLevel, string> = { [LogLevel.DEBUG]: "debug", [LogLevel.INFO]: "info", [LogLevel.WARN]: "warn", [LogLevel.ERROR]: "error" };

/** Bolt logs through our pino logger, so its lines are redacted and formatted like ours. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  const text = (parts: unknown[]): string => parts.map((part) => (typeof part === "string" ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(" ");
  return {
    debug: (...parts) => child.debug(text(parts)),
    info: (...parts) => child.info(text(parts)),
    warn: (...parts) => child.warn(text(parts)),
    error: (...parts) => child.error(text(parts)),
    setLevel: (level) => {
      child.level = toPino[level];
    },
    getLevel: () => (child.level === "debug" ? LogLevel.DEBUG : child.level === "warn" ? LogLevel.WARN : child.level === "error" ? LogLevel.ERROR : LogLevel.INFO),
    setName: () => undefined,
  };
}

/** Bolt's level for our logger's, so LOG_LEVEL reaches Bolt and its receivers too. */
export function boltLevelOf(logger: Logger): LogLevel {
  const level = logger.level;
  if (level === "debug" || level === "trace") return LogLevel.DEBUG;
  if (level === "info") return LogLevel.INFO;
  if (level === "warn") return LogLevel.WARN;
  return LogLevel.ERROR;
}
