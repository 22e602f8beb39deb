import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

/** Field paths whose values are secrets; pino replaces them before anything is written. */
const REDACTED_PATHS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "secretAccessKey",
  "sessionToken",
  "authorization",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.secretAccessKey",
  "*.sessionToken",
  "*.authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "*.headers['x-slack-signature']",
];

/** Slack and AWS secrets by shape, for free text such as error messages. */
const SECRET_PATTERNS = [/xox[abpors]-[A-Za-z0-9-]+/g, /xapp-[A-Za-z0-9-]+/g, /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g];

/** Masks anything that looks like a Slack token or AWS access key id in a string. */
function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, pattern) => acc.replace(pattern, "[REDACTED]"), text);
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      name: "sageops",
      level: options.level ?? "info",
      redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" },
      hooks: {
        // Messages are free text too (Bolt's debug lines quote request bodies, where a person may paste a token).
        logMethod(args, method) {
          method.apply(this, args.map((arg: unknown) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          // Error messages can quote request bodies or headers; scrub them too.
          const err = object["err"];
          if (err instanceof Error) {
            return { ...object, err: { type: err.name, message: scrubSecrets(err.message), stack: scrubSecrets(err.stack ?? "") } };
          }
          return object;
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}
