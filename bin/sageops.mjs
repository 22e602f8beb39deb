#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so `npx sageops` works right after `npm install`.
import { register } from "tsx/esm/api";

// sageops targets Node 20 (the product's platform) with a locked SDK; the SDK's notice that
// its future releases need Node 22 is for dependency upgrades, not for people running the bot.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

register();
const { main } = await import("../src/cli/main.ts");
const code = await main(process.argv.slice(2));
// Once main has returned its work is done, but clients may leave retry timers behind (a Slack
// or AWS call still backing off); exit once standard output and error are flushed.
process.exitCode = code;
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
