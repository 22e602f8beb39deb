import type { FreezeControl, FreezeState } from "../actions/ports.js";
import type { Db } from "./db.js";

/** Workspace-wide switches kept in the store, so every bot process sees the same freeze. */
export class WorkspaceSettings implements FreezeControl {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  freeze(by: string, reason?: string): void {
    this.write("freeze", { frozen: true, by, reason, since: this.now().toISOString() }, by);
  }

  unfreeze(by: string): void {
    this.write("freeze", { frozen: false }, by);
  }

  freezeState(): FreezeState {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'freeze'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as FreezeState) : { frozen: false };
  }

  private write(key: string, value: unknown, by: string): void {
    this.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      )
      .run(key, JSON.stringify(value), this.now().toISOString(), by);
  }
}
