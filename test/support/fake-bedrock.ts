/**
 * A loopback stand-in for the Bedrock Runtime Converse API. Each request's last user message
 * goes to `answer`, which returns the tool input to send back, a plain text reply, or an
 * HTTP error, so tests can drive the real `@aws-sdk/client-bedrock-runtime` through every path.
 * It speaks HTTP/2 (cleartext), as the SDK's Bedrock Runtime client does.
 */
import http2 from "node:http2";
import type { AddressInfo } from "node:net";

export type BedrockAnswer =
  | { toolInput: unknown; toolName?: string }
  | { text: string }
  | { status: number; errorType: string; message: string }
  /** No answer for this long (then none at all: the stream is reset). */
  | { hangMs: number };

export interface FakeBedrock {
  url: string;
  requests: { modelId: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** `answer` gets the request's last user message, and the whole request (to tell an interpretation, which offers a tool, from an answer). */
export async function startFakeBedrock(answer: (userText: string, request: Record<string, unknown>) => BedrockAnswer): Promise<FakeBedrock> {
  const requests: FakeBedrock["requests"] = [];
  const server = http2.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const match = /^\/model\/([^/]+)\/converse$/.exec(req.url ?? "");
      if (!match?.[1]) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "unknown path" }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      const modelId = decodeURIComponent(match[1]);
      requests.push({ modelId, body });
      const messages = Array.isArray(body["messages"]) ? (body["messages"] as { content?: { text?: string }[] }[]) : [];
      const userText = messages.at(-1)?.content?.[0]?.text ?? "";
      const reply = answer(userText, body);
      if ("hangMs" in reply) {
        setTimeout(() => req.stream.close(), reply.hangMs);
        return;
      }
      if ("status" in reply) {
        res.writeHead(reply.status, { "content-type": "application/json", "x-amzn-errortype": reply.errorType }).end(JSON.stringify({ message: reply.message }));
        return;
      }
      const content = "text" in reply ? [{ text: reply.text }] : [{ toolUse: { toolUseId: "tooluse_1", name: reply.toolName ?? "record_interpretation", input: reply.toolInput } }];
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          output: { message: { role: "assistant", content } },
          stopReason: "text" in reply ? "end_turn" : "tool_use",
          usage: { inputTokens: 100, outputTokens: 40, totalTokens: 140 },
          metrics: { latencyMs: 5 },
        }),
      );
    });
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}
