import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { SLASH_COMMANDS } from "../../src/slack/commands/usage.js";
import { REPO_ROOT } from "../support/cli.js";

const Manifest = z.object({
  display_information: z.object({ name: z.string().min(1).max(35), description: z.string().max(140), long_description: z.string().min(175).max(4000) }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string().min(1).max(80) }),
    assistant_view: z.object({ assistant_description: z.string().min(1) }),
    slash_commands: z.array(z.object({ command: z.string().regex(/^\/[a-z-]+$/), description: z.string().min(1).max(100), usage_hint: z.string().max(1000).optional() })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.literal(true) }),
    socket_mode_enabled: z.boolean(),
  }),
});

const manifest = Manifest.parse(parse(fs.readFileSync(path.join(REPO_ROOT, "manifest.yml"), "utf8")));

/** Every listener registration in src/slack, read from the source, as manifest names. */
function registeredListeners(): { commands: Set<string>; events: Set<string> } {
  const commands = new Set<string>();
  const events = new Set<string>();
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  for (const file of walk(path.join(REPO_ROOT, "src/slack")).filter((name) => name.endsWith(".ts"))) {
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/app\.command\(\s*"([^"]+)"/g)) if (match[1]) commands.add(match[1]);
    for (const match of source.matchAll(/app\.event\(\s*"([^"]+)"/g)) if (match[1]) events.add(match[1]);
    if (/app\.message\(/.test(source)) events.add("message.im");
    if (/app\.assistant\(/.test(source)) {
      events.add("assistant_thread_started");
      events.add("assistant_thread_context_changed");
    }
  }
  return { commands, events };
}

describe("manifest.yml", () => {
  const listeners = registeredListeners();

  it("declares exactly the slash commands the code listens to", () => {
    const declared = new Set(manifest.features.slash_commands.map((command) => command.command));
    expect(declared).toEqual(listeners.commands);
    expect(declared).toEqual(new Set(SLASH_COMMANDS));
  });

  it("declares exactly the events the code listens to", () => {
    expect(new Set(manifest.settings.event_subscriptions.bot_events)).toEqual(listeners.events);
  });

  it("asks for the scopes those events and calls need", () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    expect(scopes.has("commands")).toBe(true);
    expect(scopes.has("chat:write")).toBe(true);
    if (listeners.events.has("app_mention")) expect(scopes.has("app_mentions:read")).toBe(true);
    if (listeners.events.has("message.im")) expect(scopes.has("im:history")).toBe(true);
    if (listeners.events.has("assistant_thread_started")) expect(scopes.has("assistant:write")).toBe(true);
    // Roles may name Slack user groups; their members are listed with usergroups.users.list.
    expect(scopes.has("usergroups:read")).toBe(true);
    // A post retried after a lost answer is first looked for in the channel's history (src/slack/notify/slack-poster.ts).
    expect(scopes.has("channels:history") && scopes.has("groups:history")).toBe(true);
  });

  it("has App Home, interactivity and Socket Mode enabled", () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
