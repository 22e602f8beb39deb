/** The buttons on a drift alert: View report (a paged modal), Retrain (a guarded plan), Acknowledge, Mute 24h. */
import type { App } from "@slack/bolt";
import { z } from "zod";
import { planReply } from "../action-requests.js";
import { DRIFT_BUTTONS, MONITOR_NAMES, renderDriftReport } from "../blocks/drift-alert.js";
import type { Rendered } from "../blocks/kit.js";
import { safeOutgoing, section } from "../blocks/kit.js";
import { renderNote, renderProblem } from "../blocks/notice.js";
import type { SlackDeps } from "../deps.js";
import { onButton } from "./on-button.js";

type DriftButtonDeps = Pick<SlackDeps, "logger" | "driftAlerts" | "driftReporter" | "requests" | "poster">;

/** The part of a click we rely on: who, where, and the alert id the button carries. */
const AlertClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  trigger_id: z.string().optional(),
  view: z.object({ id: z.string() }).optional(),
  actions: z.array(z.object({ value: z.string().regex(/^\d{1,12}(:\d{1,6})?$/) })).min(1),
});
type AlertClick = z.infer<typeof AlertClick>;

const MUTE_MS = 24 * 3600_000;

function modal(deps: DriftButtonDeps, alertId: number, page: number) {
  const alert = deps.driftAlerts.alert(alertId);
  if (!alert) return undefined;
  const report = renderDriftReport(alert, page);
  return safeOutgoing({ type: "modal" as const, title: { type: "plain_text" as const, text: report.title.slice(0, 24) }, close: { type: "plain_text" as const, text: "Close" }, blocks: report.blocks });
}

/** The alert a click names, when it exists and the click came from the alert's own channel. */
function alertOf(click: AlertClick, deps: DriftButtonDeps) {
  const [id] = (click.actions[0]?.value ?? "").split(":");
  const alert = deps.driftAlerts.alert(Number(id));
  if (!alert || (click.channel && click.channel.id !== alert.channel)) return undefined;
  return alert;
}

export function registerDriftButtons(app: App, deps: DriftButtonDeps): void {
  const unknown: Rendered = renderProblem({ what: "That button belongs to an alert I can't find.", fix: "`/sageops drift <endpoint>` shows the latest findings." });
  const handle = (actionId: string, work: (click: AlertClick, client: App["client"]) => Promise<Rendered>) =>
    onButton(app, actionId, { schema: AlertClick, unreadable: { what: "That button press came without an alert I can read.", fix: "`/sageops drift <endpoint>` shows the latest findings." }, logger: deps.logger }, work);

  handle(DRIFT_BUTTONS.report, async (click, client) => {
    const alert = alertOf(click, deps);
    if (!alert || !click.trigger_id) return unknown;
    const view = modal(deps, alert.id, 0);
    if (view) await client.views.open({ trigger_id: click.trigger_id, view });
    return { text: "", blocks: [] };
  });

  // Previous and Next inside the report modal.
  handle(DRIFT_BUTTONS.page, async (click, client) => {
    const [id, page] = (click.actions[0]?.value ?? "").split(":");
    const view = modal(deps, Number(id), Number(page ?? 0));
    if (!view || !click.view) return unknown;
    await client.views.update({ view_id: click.view.id, view });
    return { text: "", blocks: [] };
  });

  handle(DRIFT_BUTTONS.retrain, async (click) => {
    const alert = alertOf(click, deps);
    if (!alert) return unknown;
    return planReply(await deps.requests.retrain(alert.endpoint, { userId: click.user.id, channelId: alert.channel }));
  });

  handle(DRIFT_BUTTONS.acknowledge, async (click) => {
    const alert = alertOf(click, deps);
    if (!alert) return unknown;
    const acknowledged = deps.driftAlerts.acknowledge(alert.id, click.user.id, new Date());
    if (acknowledged && acknowledged.acknowledgedBy !== click.user.id) return renderNote(`<@${acknowledged.acknowledgedBy}> already acknowledged this alert.`);
    if (acknowledged) await deps.driftReporter.refresh(acknowledged);
    return { text: "", blocks: [] };
  });

  handle(DRIFT_BUTTONS.mute, async (click) => {
    const alert = alertOf(click, deps);
    if (!alert) return unknown;
    const until = new Date(Date.now() + MUTE_MS);
    deps.driftAlerts.mute(alert.endpoint, alert.monitorType, alert.channel, click.user.id, until);
    if (alert.messageTs) {
      const text = `:mute: <@${click.user.id}> muted ${MONITOR_NAMES[alert.monitorType]} alerts for \`${alert.endpoint}\` in this channel for 24 hours.`;
      await deps.poster.post(alert.channel, { text, blocks: [section(text)] }, { threadTs: alert.messageTs });
    }
    await deps.driftReporter.refresh(alert);
    return { text: "", blocks: [] };
  });
}
