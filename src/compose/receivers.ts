/** The Bolt receivers of the two Slack run modes (the console has its own, in src/console/). */
import { HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "../config.js";
import { REQUEST_SIGNATURE } from "../slack/middleware/dedupe.js";

export function createHttpReceiver(slack: Config["slack"]): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret: slack.signingSecret ?? "",
    endpoints: "/slack/events",
    // The signature identifies one request from Slack: a replayed slash command is recognised by it.
    customPropertiesExtractor: (request) => {
      const signature = request.headers["x-slack-signature"];
      return { [REQUEST_SIGNATURE]: typeof signature === "string" ? signature : "" };
    },
    customRoutes: [
      {
        path: "/healthz",
        method: ["GET"],
        handler: (_req, res) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: true }));
        },
      },
    ],
  });
}

export function createSocketReceiver(slack: Config["slack"]): SocketModeReceiver {
  return new SocketModeReceiver({ appToken: slack.appToken ?? "", installerOptions: { clientOptions: slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {} } });
}
