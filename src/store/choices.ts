import { z } from "zod";
import type { Db } from "./db.js";

const ClaimRow = z.object({ click_id: z.string() }).optional();

/**
 * Which reading was picked on a message that asked back: the first pick wins, so a double click,
 * or two people pressing at once, goes on once. The same click handled again (a redelivery, or a
 * replay after a crash) is still the winner, so its work is not lost.
 */
export class SqlChoiceLedger {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True when this click is the one that picked (now, or the first time it was handled). */
  claim(messageKey: string, clickId: string, userId: string, choice: string): boolean {
    this.db
      .prepare("INSERT INTO choices_made (message_key, click_id, user_id, choice, made_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .run(messageKey, clickId, userId, choice, this.now().toISOString());
    const row = ClaimRow.parse(this.db.prepare("SELECT click_id FROM choices_made WHERE message_key = ?").get(messageKey));
    return row?.click_id === clickId;
  }
}
