import { z } from "zod";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { type RunningBot, startBot } from "../index.js";
import { type CliIo, EXIT } from "./io.js";

const ConsoleArgs = z.object({
  user: z.string().regex(/^[UW][A-Z0-9]{2,}$/, "--user takes a Slack user id such as U0APPROVER").optional(),
  channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, "--channel takes a Slack channel id such as C0MLOPS").optional(),
});

function parseConsoleArgs(args: string[]): z.infer<typeof ConsoleArgs> | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    const value = args[i + 1];
    if ((flag === "--user" || flag === "--channel") && value !== undefined) {
      values[flag.slice(2)] = value.toUpperCase();
      i += 1;
    } else return `unknown argument ${JSON.stringify(flag)}: sageops console [--user U0APPROVER] [--channel C0MLOPS]`;
  }
  const parsed = ConsoleArgs.safeParse(values);
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? "bad arguments");
}

/**
 * `npm start` / `sageops start` (the mode from the environment) and `sageops console`: start,
 * then run until input ends (console) or a signal arrives, and shut down cleanly.
 */
export async function runCommand(args: string[], io: CliIo, env: Record<string, string | undefined>, forceConsole: boolean): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`sageops: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
  const consoleArgs = forceConsole ? parseConsoleArgs(args) : args.length === 0 ? {} : `unknown argument ${JSON.stringify(args[0])}: sageops start takes none`;
  if (typeof consoleArgs === "string") {
    io.err(`sageops: ${consoleArgs}`);
    return EXIT.usage;
  }

  let bot: RunningBot;
  try {
    bot = await startBot({
      config,
      io: { stdin: io.stdin, write: (text) => process.stdout.write(text) },
      forceConsole,
      consoleIdentity: { userId: consoleArgs.user, channelId: consoleArgs.channel },
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`sageops: ${error.message}`);
      return EXIT.usage;
    }
    io.err(`sageops: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }

  const signalled = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await Promise.race(bot.consoleFinished ? [bot.consoleFinished, signalled] : [signalled]);
  await bot.stop();
  return EXIT.ok;
}
