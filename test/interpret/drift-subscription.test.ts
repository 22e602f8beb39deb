import { describe, expect, it } from "vitest";
import { interpretOffline } from "../../src/interpret/offline.js";

describe("routing drift alerts in plain words", () => {
  it.each([
    ["notify <#C0ALERTS|ml-alerts> when churn-prod drifts", "subscribe", "churn-prod", "C0ALERTS"],
    ["send drift alerts for churn-prod here", "subscribe", "churn-prod", undefined],
    ["can you ping us if churn-staging starts drifting?", "subscribe", "churn-staging", undefined],
    ["stop drift alerts for churn-staging here", "unsubscribe", "churn-staging", undefined],
    ["don't send drift notifications for churn-prod to this channel anymore", "unsubscribe", "churn-prod", undefined],
    ["which drift alerts go to this channel?", "list", undefined, undefined],
    // The same in the other languages.
    ["bitte keine Drift-Benachrichtigungen mehr für churn-staging", "unsubscribe", "churn-staging", undefined],
    ["ya no nos mandes alertas de deriva de churn-prod", "unsubscribe", "churn-prod", undefined],
    ["désactive les alertes de dérive pour churn-prod", "unsubscribe", "churn-prod", undefined],
    ["churn-stagingのドリフトのアラートはもういらない", "unsubscribe", "churn-staging", undefined],
    ["schickt die Drift-Alerts von churn-prod ab jetzt hier rein", "subscribe", "churn-prod", undefined],
    ["avísame aquí si churn-staging empieza con deriva", "subscribe", "churn-staging", undefined],
    ["envoie ici les alertes de dérive de churn-staging", "subscribe", "churn-staging", undefined],
    ["churn-prodにドリフトが出たらこのチャンネルに知らせて", "subscribe", "churn-prod", undefined],
    // No endpoint named: the reply asks which, or stops all of the channel's.
    ["enable drift notifications in <#C0ALERTS|ml-alerts>", "subscribe", undefined, "C0ALERTS"],
    ["can you please get drift warnings posted here?", "subscribe", undefined, undefined],
    ["silence the drift alerts in this channel, they are too noisy", "unsubscribe", undefined, undefined],
    ["switch off drift notifications here", "unsubscribe", undefined, undefined],
    ["desactiva las alertas de deriva en este canal, porfa", "unsubscribe", undefined, undefined],
    ["schickt die Drift-Alerts ab jetzt hier rein", "subscribe", undefined, undefined],
    // The command's own words, typed to the bot.
    ["drift subscribe churn-staging", "subscribe", "churn-staging", undefined],
    ["drift unsubscribe churn-prod", "unsubscribe", "churn-prod", undefined],
    ["drift list", "list", undefined, undefined],
  ])("%s", (text, action, endpoint, channel) => {
    const request = interpretOffline(text);
    expect(request.intent).toBe("drift");
    expect(request.params.driftAction).toBe(action);
    expect(request.params.endpointName).toBe(endpoint);
    expect(request.params.channel?.id).toBe(channel);
  });

  it.each(["how do I get alerted when my prod model drifts?", "what's the best way to get notified about data drift?", "is churn-prod drifting?", "which service detects drift?", "wie bekomme ich Drift-Alerts für churn-prod?", "comment on coupe les alertes de dérive ?", "I get drift alerts every morning, what do they mean?", "our drift alerts fire all the time"])("%s routes nothing", (text) => {
    expect(interpretOffline(text).params.driftAction).toBeUndefined();
  });
});
