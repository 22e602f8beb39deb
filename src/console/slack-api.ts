/**
 * An in-process stand-in for the Slack Web API on loopback. The console points the App's
 * WebClient at it (SLACK_API_URL) and renders what the bot posts; the tests use the same
 * server as their fake Slack and read its record of calls. It answers like Slack: `ok`, `ts`,
 * `channel`, and `{ ok: false, error }` for what it does not know.
 */

import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export type SlackArgs = Record<string, unknown>;

export interface SlackApiCall {
  /** Web API method name, or `response_url` for posts to a response URL. */
  method: string;
  args: SlackArgs;
  /** Bearer token the caller presented, if any. */
  token?: string;
  /** What the stand-in answered. */
  response: SlackArgs;
  status: number;
  /** For response_url posts: the URL posted to (each command or click has its own). */
  url?: string;
}

/** A message as the stand-in keeps it: the latest version after updates. */
export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown[];
  /** Set for ephemeral messages: only this user sees it. */
  ephemeralTo?: string;
  /** How many times chat.update changed it. */
  updates: number;
  /** The app's message metadata (event_type and event_payload), as chat.postMessage got it. */
  metadata?: unknown;
}

/** A file shared through files.getUploadURLExternal, the upload URL and files.completeUploadExternal. */
export interface StoredFile {
  id: string;
  filename: string;
  title: string;
  altText?: string;
  bytes: Uint8Array;
  /** Where the upload was completed into; unset for a file completed without a channel (private). */
  channel?: string;
  threadTs?: string;
}

/** An upload between its URL being handed out and its completion. */
interface PendingUpload {
  filename: string;
  altText?: string;
  bytes?: Uint8Array;
}

// Request bodies as @slack/web-api's filesUploadV2 sends them (form fields; `files` JSON-encoded).
const GetUploadUrlArgs = z.object({ filename: z.string().min(1), length: z.coerce.number().int().min(0), alt_text: z.string().optional() });
const CompleteUploadArgs = z.object({
  files: z.array(z.object({ id: z.string().min(1), title: z.string().optional() })).min(1),
  channel_id: z.string().min(1).optional(),
  thread_ts: z.string().min(1).optional(),
});

/** An answer to force for a call (fault injection), e.g. a 429 with Retry-After. */
export interface ForcedResponse {
  status: number;
  headers?: Record<string, string>;
  body: SlackArgs;
  /**
   * Carry the call out as usual first (the message is stored) and answer this instead of Slack's
   * answer: Slack did it, the caller hears an error (a 5xx after delivery).
   */
  afterDelivering?: boolean;
}

export type Interceptor = (method: string, args: SlackArgs) => ForcedResponse | undefined;

/** What becomes of a held call: carried out and answered (`deliver`), or lost with its connection (`drop`). */
export type HeldOutcome = "deliver" | "drop";

/** A call kept waiting at the stand-in until released (see `hold`). */
export interface SlackHold {
  /** Resolves once a matching call arrived and is held. */
  readonly arrived: Promise<{ method: string; args: SlackArgs }>;
  /** True while a call waits on this hold. */
  readonly holding: boolean;
  /** Lets the held call go on (`deliver`, the default) or drops it unanswered and not carried out; before a call came, withdraws the hold. */
  release(outcome?: HeldOutcome): void;
}

interface PendingHold {
  match: (method: string, args: SlackArgs) => boolean;
  hold: SlackHold;
  wait(method: string, args: SlackArgs): Promise<HeldOutcome>;
  spent: boolean;
}

function newHold(match: (method: string, args: SlackArgs) => boolean): PendingHold {
  let arrive: (call: { method: string; args: SlackArgs }) => void = () => undefined;
  const arrived = new Promise<{ method: string; args: SlackArgs }>((resolve) => (arrive = resolve));
  let decide: (outcome: HeldOutcome) => void = () => undefined;
  const decided = new Promise<HeldOutcome>((resolve) => (decide = resolve));
  let holding = false;
  const pending: PendingHold = {
    match,
    spent: false,
    hold: {
      arrived,
      get holding() {
        return holding;
      },
      release(outcome = "deliver") {
        pending.spent = true;
        holding = false;
        decide(outcome);
      },
    },
    wait(method, args) {
      pending.spent = true;
      holding = true;
      arrive({ method, args });
      return decided;
    },
  };
  return pending;
}

export interface LocalSlackApiOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Users known to users.info, id -> display name. */
  users?: Record<string, string>;
  /** Channels known to conversations.info, id -> name. */
  channels?: Record<string, string>;
  /** What apps.connections.open answers (a Socket Mode wss/ws URL). */
  socketModeUrl?: () => string;
  /** User groups known to usergroups.users.list, group id -> member user ids. */
  userGroups?: Record<string, string[]>;
}

interface Events {
  call: [SlackApiCall];
  message: [StoredMessage, "posted" | "updated" | "deleted"];
  view: [{ method: string; view: unknown; userId?: string; triggerId?: string }];
  status: [{ channel: string; threadTs?: string; status: string }];
  /** A file completed into a channel (or thread). */
  file: [StoredFile];
}

export class LocalSlackApi extends EventEmitter<Events> {
  readonly calls: SlackApiCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  private server?: http.Server;
  private baseUrl = "";
  private tsCounter = 0;
  private responseUrlCounter = 0;
  private readonly interceptors: Interceptor[] = [];
  private readonly holds: PendingHold[] = [];
  private readonly pendingUploads = new Map<string, PendingUpload>();
  private readonly completedFiles: StoredFile[] = [];
  private fileCounter = 0;
  private readonly options: Required<Omit<LocalSlackApiOptions, "socketModeUrl">> & Pick<LocalSlackApiOptions, "socketModeUrl">;


  constructor(options: LocalSlackApiOptions = {}) {
    super();
    this.options = {
      teamId: options.teamId ?? "T0SAGEOPS",
      botUserId: options.botUserId ?? "U0SAGEOPS",
      botId: options.botId ?? "B0SAGEOPS",
      users: options.users ?? {},
      channels: options.channels ?? {},
      userGroups: options.userGroups ?? {},
      socketModeUrl: options.socketModeUrl,
    };
  }

  get teamId(): string {
    return this.options.teamId;
  }

  get botUserId(): string {
    return this.options.botUserId;
  }

  /** Base URL for WebClient's `slackApiUrl`, ending in `/api/`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "internal_error", detail: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", resolve));
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    return this.apiUrl;
  }

  async close(): Promise<void> {
    for (const pending of this.holds) if (!pending.spent) pending.hold.release("drop");
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** A fresh response URL that records what is posted to it. */
  newResponseUrl(context: { channel: string; user: string }): string {
    this.responseUrlCounter += 1;
    return `${this.baseUrl}/response/${this.responseUrlCounter}?channel=${encodeURIComponent(context.channel)}&user=${encodeURIComponent(context.user)}`;
  }

  /** Add a fault or override; the first interceptor that returns a response wins. */
  intercept(interceptor: Interceptor): () => void {
    this.interceptors.push(interceptor);
    return () => {
      const index = this.interceptors.indexOf(interceptor);
      if (index >= 0) this.interceptors.splice(index, 1);
    };
  }

  /**
   * Holds the next call that `match` accepts before it is carried out, until released: the bot
   * has sent it and hears nothing meanwhile. Each hold catches one call.
   */
  hold(match: (method: string, args: SlackArgs) => boolean): SlackHold {
    const pending = newHold(match);
    this.holds.push(pending);
    return pending.hold;
  }

  callsTo(method: string): SlackApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Files completed so far, oldest first, shared into a channel or not. */
  files(): StoredFile[] {
    return [...this.completedFiles];
  }

  /** Messages in a channel (optionally one thread), oldest first, latest versions. */
  messagesIn(channel: string, threadTs?: string): StoredMessage[] {
    return [...this.messages.values()].filter(
      (message) => message.channel === channel && (threadTs === undefined || message.threadTs === threadTs || message.ts === threadTs),
    );
  }

  private nextTs(): string {
    this.tsCounter += 1;
    const seconds = Math.floor(Date.now() / 1000);
    return `${seconds}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl || "http://127.0.0.1");
    const raw = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "");
    const isUpload = url.pathname.startsWith("/upload/");
    // An upload URL receives the file's bytes, not form fields: its args record only what arrived.
    const uploaded = isUpload ? await uploadedBytes(raw, contentType) : undefined;
    const args = isUpload ? { file_id: url.pathname.slice("/upload/".length), length: uploaded?.byteLength ?? 0 } : parseArgs(raw.toString("utf8"), contentType);
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : typeof args["token"] === "string" ? args["token"] : undefined;

    let method: string;
    if (url.pathname.startsWith("/api/")) method = url.pathname.slice(5);
    else if (url.pathname.startsWith("/response/")) method = "response_url";
    else if (isUpload) method = "file_upload";
    else {
      res.writeHead(404).end();
      return;
    }
    if (method === "response_url") {
      args["channel"] ??= url.searchParams.get("channel") ?? undefined;
      args["user"] ??= url.searchParams.get("user") ?? undefined;
    }

    const where = method === "response_url" ? { url: `${this.baseUrl}${req.url ?? ""}` } : {};
    const held = this.holds.find((pending) => !pending.spent && pending.match(method, args));
    if (held && (await held.wait(method, args)) === "drop") {
      const call: SlackApiCall = { method, args, token, response: { ok: false, error: "dropped_by_test" }, status: 0, ...where };
      this.calls.push(call);
      this.emit("call", call);
      res.destroy();
      return;
    }
    let answer = this.interceptors.map((interceptor) => interceptor(method, args)).find((forced) => forced !== undefined);
    if (answer === undefined || answer.afterDelivering) {
      const carriedOut = method === "file_upload" ? this.receiveUpload(String(args["file_id"]), uploaded) : { status: 200, body: this.answer(method, args) };
      answer ??= carriedOut;
    }
    const call: SlackApiCall = { method, args, token, response: answer.body, status: answer.status, ...where };
    this.calls.push(call);
    this.emit("call", call);
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
    res.end(JSON.stringify(answer.body));
  }

  private openUpload(args: SlackArgs): SlackArgs {
    const parsed = GetUploadUrlArgs.safeParse(args);
    if (!parsed.success) return { ok: false, error: "invalid_arguments" };
    this.fileCounter += 1;
    const fileId = `F${String(this.fileCounter).padStart(8, "0")}`;
    this.pendingUploads.set(fileId, { filename: parsed.data.filename, altText: parsed.data.alt_text });
    return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
  }

  /** Slack's upload URLs answer 200 with a plain body; an unknown URL is a 404. */
  private receiveUpload(fileId: string, bytes: Uint8Array | undefined): ForcedResponse {
    const pending = this.pendingUploads.get(fileId);
    if (!pending) return { status: 404, body: { ok: false, error: "file_not_found" } };
    if (!bytes) return { status: 400, body: { ok: false, error: "no_file_data" } };
    pending.bytes = bytes;
    return { status: 200, body: { ok: true } };
  }

  private completeUpload(args: SlackArgs): SlackArgs {
    const parsed = CompleteUploadArgs.safeParse(args);
    if (!parsed.success) return { ok: false, error: "invalid_arguments" };
    const { files, channel_id: channel, thread_ts: threadTs } = parsed.data;
    const completed: StoredFile[] = [];
    for (const file of files) {
      const pending = this.pendingUploads.get(file.id);
      // Every file must have been uploaded before any is shared: the call fails whole.
      if (!pending?.bytes) return { ok: false, error: "file_not_found" };
      completed.push({ id: file.id, filename: pending.filename, title: file.title ?? pending.filename, altText: pending.altText, bytes: pending.bytes, channel, threadTs: channel ? threadTs : undefined });
    }
    for (const file of completed) this.pendingUploads.delete(file.id);
    this.completedFiles.push(...completed);
    for (const file of completed) if (file.channel) this.emit("file", file);
    return { ok: true, files: completed.map((file) => ({ id: file.id, name: file.filename, title: file.title, size: file.bytes.byteLength })) };
  }

  private store(message: Omit<StoredMessage, "updates">, event: "posted" | "updated"): StoredMessage {
    const key = `${message.channel}:${message.ts}`;
    const previous = this.messages.get(key);
    const stored: StoredMessage = { ...message, updates: previous ? previous.updates + 1 : 0 };
    this.messages.set(key, stored);
    this.emit("message", stored, event);
    return stored;
  }

  private answer(method: string, args: SlackArgs): SlackArgs {
    const str = (key: string): string | undefined => (typeof args[key] === "string" ? (args[key] as string) : undefined);
    const blocks = Array.isArray(args["blocks"]) ? (args["blocks"] as unknown[]) : undefined;
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://sageops-local.slack.com/", team: "sageops", user: "sageops", team_id: this.options.teamId, user_id: this.options.botUserId, bot_id: this.options.botId };
      case "chat.postMessage":
      case "chat.postEphemeral": {
        const channel = str("channel");
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (!str("text") && !blocks) return { ok: false, error: "no_text" };
        const ts = this.nextTs();
        const ephemeralTo = method === "chat.postEphemeral" ? str("user") : undefined;
        if (method === "chat.postEphemeral" && !ephemeralTo) return { ok: false, error: "user_not_in_channel" };
        const metadata = method === "chat.postMessage" && typeof args["metadata"] === "object" && args["metadata"] !== null ? args["metadata"] : undefined;
        this.store({ channel, ts, threadTs: str("thread_ts"), text: str("text"), blocks, ephemeralTo, metadata }, "posted");
        return method === "chat.postMessage"
          ? { ok: true, channel, ts, message: { type: "message", text: str("text") ?? "", user: this.options.botUserId, bot_id: this.options.botId, ts, blocks } }
          : { ok: true, message_ts: ts };
      }
      case "chat.update": {
        const channel = str("channel");
        const ts = str("ts");
        const existing = channel && ts ? this.messages.get(`${channel}:${ts}`) : undefined;
        if (!channel || !ts || !existing) return { ok: false, error: "message_not_found" };
        this.store({ ...existing, text: str("text") ?? existing.text, blocks: blocks ?? existing.blocks }, "updated");
        return { ok: true, channel, ts, text: str("text") ?? existing.text ?? "" };
      }
      case "chat.delete": {
        const key = `${str("channel")}:${str("ts")}`;
        const existing = this.messages.get(key);
        if (!existing) return { ok: false, error: "message_not_found" };
        this.messages.delete(key);
        this.emit("message", existing, "deleted");
        return { ok: true, channel: existing.channel, ts: existing.ts };
      }
      case "response_url": {
        // Response URLs take replace_original/delete_original; ephemeral unless in_channel.
        const channel = str("channel") ?? "D0CONSOLE";
        const ts = this.nextTs();
        const inChannel = str("response_type") === "in_channel";
        this.store({ channel, ts, text: str("text"), blocks, ephemeralTo: inChannel ? undefined : str("user") }, "posted");
        return { ok: true };
      }
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish": {
        const view = typeof args["view"] === "object" && args["view"] !== null ? args["view"] : undefined;
        if (!view) return { ok: false, error: "invalid_arguments" };
        if (method !== "views.publish" && method !== "views.update" && !str("trigger_id") && !str("interactivity_pointer")) return { ok: false, error: "invalid_trigger_id" };
        this.emit("view", { method, view, userId: str("user_id"), triggerId: str("trigger_id") });
        return { ok: true, view: { id: `V${String(this.calls.length + 1).padStart(8, "0")}`, ...(view as object) } };
      }
      case "assistant.threads.setStatus": {
        this.emit("status", { channel: str("channel_id") ?? "", threadTs: str("thread_ts"), status: str("status") ?? "" });
        return { ok: true };
      }
      case "assistant.threads.setSuggestedPrompts":
      case "assistant.threads.setTitle":
      case "reactions.add":
      case "reactions.remove":
        return { ok: true };
      case "users.info": {
        const user = str("user") ?? "";
        const name = this.options.users[user];
        if (name === undefined && !/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: user, name: name ?? user.toLowerCase(), real_name: name ?? user, is_bot: false, tz: "UTC" } };
      }
      case "conversations.info": {
        const channel = str("channel") ?? "";
        if (!/^[CDG][A-Z0-9]+$/.test(channel)) return { ok: false, error: "channel_not_found" };
        const name = this.options.channels[channel] ?? channel.toLowerCase();
        return { ok: true, channel: { id: channel, name, is_channel: channel.startsWith("C"), is_im: channel.startsWith("D") } };
      }
      case "usergroups.users.list": {
        const members = this.options.userGroups[str("usergroup") ?? ""];
        return members ? { ok: true, users: members } : { ok: false, error: "no_such_subteam" };
      }
      case "conversations.replies": {
        const thread = this.messagesIn(str("channel") ?? "", str("ts"));
        return { ok: true, messages: thread.filter((m) => !m.ephemeralTo).map((m) => historyEntry(m, args)) };
      }
      case "conversations.history": {
        // Top-level messages only, newest first, after `oldest` when given (as Slack answers).
        const oldest = Number(str("oldest") ?? "0");
        const top = this.messagesIn(str("channel") ?? "").filter((m) => !m.ephemeralTo && (m.threadTs === undefined || m.threadTs === m.ts) && Number(m.ts) > oldest);
        return { ok: true, has_more: false, messages: top.reverse().map((m) => historyEntry(m, args)) };
      }
      case "files.getUploadURLExternal":
        return this.openUpload(args);
      case "files.completeUploadExternal":
        return this.completeUpload(args);
      case "apps.connections.open": {
        const url = this.options.socketModeUrl?.();
        return url ? { ok: true, url } : { ok: false, error: "not_allowed_token_type" };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * The file posted to an upload URL: WebClient sends it as multipart form data (one file part),
 * other clients may post the raw bytes. Undefined for a form without a file part.
 */
async function uploadedBytes(raw: Buffer, contentType: string): Promise<Uint8Array | undefined> {
  if (!contentType.includes("multipart/form-data")) return new Uint8Array(raw);
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  const part = [...form.values()].find((value): value is File => typeof value !== "string");
  return part ? new Uint8Array(await part.arrayBuffer()) : undefined;
}

/** A message as conversations.history and .replies list it; metadata only when asked for. */
function historyEntry(message: StoredMessage, args: SlackArgs): Record<string, unknown> {
  const withMetadata = args["include_all_metadata"] === true || args["include_all_metadata"] === "true";
  return { type: "message", ts: message.ts, thread_ts: message.threadTs, text: message.text, blocks: message.blocks, ...(withMetadata && message.metadata !== undefined ? { metadata: message.metadata } : {}) };
}

/** WebClient sends form fields with JSON-encoded objects (blocks, view); response URLs get JSON. */
function parseArgs(raw: string, contentType: string): SlackArgs {
  if (raw === "") return {};
  if (contentType.includes("application/json")) {
    try {
      const value: unknown = JSON.parse(raw);
      return typeof value === "object" && value !== null ? (value as SlackArgs) : {};
    } catch {
      return {};
    }
  }
  if (!contentType.includes("x-www-form-urlencoded")) return { body: raw };
  const args: SlackArgs = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? parseJsonOr(value) : value;
  }
  return args;
}

function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
