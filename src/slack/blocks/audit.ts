import type { AuditRecord } from "../../actions/ports.js";
import { context, escapeMrkdwn, header, type KnownBlock, lineSections, type Rendered, section } from "./kit.js";

/** The latest audit records, newest first, one line each. */
export function renderAudit(records: readonly AuditRecord[]): Rendered {
  if (records.length === 0) return { text: "The audit log is empty.", blocks: [section("The audit log is empty.")] };
  const lines = records.map((r) => `\`${r.at.replace("T", " ").slice(0, 19)}\` <@${r.actor}> *${escapeMrkdwn(r.kind)}* ${r.subject ? `${escapeMrkdwn(r.subject)} ` : ""}→ ${escapeMrkdwn(r.outcome)}${r.channel ? ` in <#${r.channel}>` : ""}`);
  const blocks: KnownBlock[] = [header(`Audit: latest ${records.length}`), ...lineSections(lines, { maxLines: 200 }), context("Times are UTC.")];
  return { text: lines.join("\n"), blocks };
}
