import { z } from "zod";
import type { Turn } from "../interpret/schema.js";
import type { Db } from "./db.js";

/** Turns kept per thread: a few more than any reader takes, so the oldest can go. */
const KEPT_PER_THREAD = 20;
/** A turn is kept this long at most (a reply is a few sentences; a paste is not context). */
const MAX_TEXT = 2000;

const TurnRow = z.object({ role: z.enum(["user", "assistant"]), text: z.string() });

/** What was said in each thread the bot talks in, newest kept: the context a language model reads. */
export class SqlThreadTurns {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(channel: string, threadTs: string, turn: Turn): void {
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO thread_turns (channel, thread_ts, role, text, at) VALUES (?, ?, ?, ?, ?)").run(channel, threadTs, turn.role, turn.text.slice(0, MAX_TEXT), this.now().toISOString());
      this.db
        .prepare("DELETE FROM thread_turns WHERE channel = ? AND thread_ts = ? AND id NOT IN (SELECT id FROM thread_turns WHERE channel = ? AND thread_ts = ? ORDER BY id DESC LIMIT ?)")
        .run(channel, threadTs, channel, threadTs, KEPT_PER_THREAD);
    })();
  }

  /** The last `limit` turns of a thread, oldest first. */
  recent(channel: string, threadTs: string, limit = 6): Turn[] {
    const rows: unknown[] = this.db.prepare("SELECT role, text FROM thread_turns WHERE channel = ? AND thread_ts = ? ORDER BY id DESC LIMIT ?").all(channel, threadTs, limit);
    return rows.map((row) => TurnRow.parse(row)).reverse();
  }
}
