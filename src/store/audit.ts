import type { AuditEntry, AuditRecord, AuditTrail } from "../actions/ports.js";
import type { Db } from "./db.js";

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  channel: string | null;
  kind: string;
  subject: string | null;
  outcome: string;
  detail: string | null;
}

export class AuditLog implements AuditTrail {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: AuditEntry): AuditRecord {
    const at = this.now().toISOString();
    const row = this.db
      .prepare("INSERT INTO audit (at, actor, channel, kind, subject, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
      .get(at, entry.actor, entry.channel ?? null, entry.kind, entry.subject ?? null, entry.outcome, entry.detail === undefined ? null : JSON.stringify(entry.detail)) as { id: number };
    return { ...entry, id: Number(row.id), at };
  }

  /** Newest first. */
  latest(limit: number): AuditRecord[] {
    const rows = this.db.prepare("SELECT * FROM audit ORDER BY id DESC LIMIT ?").all(limit) as AuditRow[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      channel: row.channel ?? undefined,
      kind: row.kind,
      subject: row.subject ?? undefined,
      outcome: row.outcome,
      detail: row.detail === null ? undefined : (JSON.parse(row.detail) as unknown),
    }));
  }
}
