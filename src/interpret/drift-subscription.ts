/**
 * Drift alert routing in plain words: "notify #ml-alerts when churn-prod drifts", "send drift
 * alerts for churn-prod here", "stop drift alerts for churn-staging here", "which drift alerts go
 * to this channel?". A how-to question ("how do I get alerted when my model drifts?") is not a
 * request and is left to the answer path. A request may leave the endpoint out ("mute drift alerts
 * for this channel"; in the other languages only when it says where): the reply asks which, or stops
 * all of the channel's.
 */
import { QUESTION_OPENING_ABROAD } from "./abroad.js";
import type { Utterance } from "./analysis.js";

export type DriftAction = "subscribe" | "unsubscribe" | "list";

const HOW_TO = /^(how|what|why|where|when|is|are|does|do i|do we|should|which service)\b/;
const ALERT_WORDS = "(?:drift|drifting|drifts|drifted|monitor(?:ing)?)";
const SUBSCRIBE = [
  new RegExp(`\\b(?:notify|alert|tell|ping|message|warn|let)\\b.*\\b(?:when|if|whenever|once)\\b.*\\b${ALERT_WORDS}\\b`),
  new RegExp(`\\b(?:send|post|route|forward|deliver|subscribe)\\b.*\\b${ALERT_WORDS}\\b\\s*(?:alerts?|notifications?|warnings?)?\\b.*\\b(?:to|for|in|here|into)\\b`),
  new RegExp(`\\b(?:subscribe|sub)\\b.*\\bto\\b.*\\b${ALERT_WORDS}\\b`),
  new RegExp(`\\b(?:turn on|switch on|enable|activate|set up|(?:can|could) (?:we|i|you|u) (?:please )?get)\\b.*\\b${ALERT_WORDS}\\s*(?:alerts?|notifications?|warnings?)\\b`),
  /^drift subscribe\b/,
];
const UNSUBSCRIBE = [
  new RegExp(`\\b(?:stop|no more|unsubscribe|disable|turn off|switch off|silence|mute|quit)\\b.*\\b${ALERT_WORDS}\\b\\s*(?:alerts?|notifications?|warnings?|messages?)`),
  /\b(?:unsubscribe)\b/,
  new RegExp(`\\bdon'?t\\b.*\\b(?:send|post|notify)\\b.*\\b${ALERT_WORDS}\\b`),
];
/** This channel, in German, Spanish, French and Japanese. */
const HERE_ABROAD = /(diese[nm]? kanal|hier|este canal|aqu[ií]|ac[aá]|ce canal|ici|このチャンネル|ここ)/iu;
/** Drift and its alerts in German, Spanish, French and Japanese. */
const DRIFT_ABROAD = "(?:drift|d[ée]rive|deriva|ドリフト)";
const SPEAKS_OF_DRIFT_ABROAD = new RegExp(`${DRIFT_ABROAD}|monitor`, "iu");
const ALERTS_ABROAD = "(?:alerts?|alertes?|alertas?|alarme?|alarmas?|warnungen|benachrichtigungen|notifications?|notificaciones|avisos?|アラート|通知)";
/** "keine Drift-Alerts mehr für churn-prod", "ya no quiero recibir alertas de drift de …", "coupe les alertes de dérive …", "churn-prodのドリフト通知を止めて". */
const UNSUBSCRIBE_ABROAD = [
  new RegExp(`\\bkeine\\b.*${ALERTS_ABROAD}.*\\bmehr\\b|${ALERTS_ABROAD}.*\\b(?:abbestellen|abschalten|ausschalten|deaktivieren|stummschalten|abstellen)\\b|\\b(?:schalte?|stell)\\b.*${ALERTS_ABROAD}.*\\b(?:ab|aus)\\b`, "iu"),
  new RegExp(`\\bno\\b.*\\b(?:recibir|mandes|mandéis|env[ií]es|manden)\\b.*${ALERTS_ABROAD}|\\b(?:desactiva|desactivá|desactive|quita|quitá|cancela|silencia|apaga)\\b.*${ALERTS_ABROAD}`, "iu"),
  new RegExp(`\\bplus\\b.*\\b(?:recevoir|envoyer)\\b.*${ALERTS_ABROAD}|\\bplus d['’]${ALERTS_ABROAD}|\\b(?:d[ée]sactive|d[ée]sactivez|coupe|coupez|arr[eê]te|arr[eê]tez)\\b.*${ALERTS_ABROAD}`, "iu"),
  new RegExp(`${ALERTS_ABROAD}.*(?:止めて|停止して|オフにして|解除して|いらない|不要)`, "u"),
];
/** "schick die Drift-Alerts für churn-prod hierher", "avísanos aquí cuando churn-prod tenga deriva", "préviens-nous ici si churn-prod dérive". */
const SUBSCRIBE_ABROAD = [
  new RegExp(`\\b(?:schick|schicke|schickt|sende|poste|leite)\\b.*${ALERTS_ABROAD}|\\b(?:benachrichtige|informiere|warne)\\b.*\\b(?:wenn|falls|sobald)\\b`, "iu"),
  new RegExp(`\\b(?:av[ií]same|av[ií]sanos|notif[ií]came|notif[ií]canos|manda|mand[aá]|env[ií]a|env[ií]anos)\\b.*(?:${ALERTS_ABROAD}|\\bcuando\\b|\\bsi\\b)`, "iu"),
  new RegExp(`\\b(?:pr[ée]viens|pr[ée]venez|envoie|envoyez|poste|postez|notifie)\\b.*(?:${ALERTS_ABROAD}|\\bquand\\b|\\bsi\\b)`, "iu"),
  new RegExp(`${DRIFT_ABROAD}.*(?:通知して|知らせて|教えて)|${ALERTS_ABROAD}を?(?:送って|飛ばして|流して|ください)`, "u"),
];

const LIST = [new RegExp(`\\b(?:which|what|list|show)\\b.*\\b${ALERT_WORDS}\\s*(?:alerts?|subscriptions?|notifications?)\\b.*\\b(?:here|channel|subscribed|go|get|set up)\\b`), /\bdrift subscriptions?\b/, /^drift list\b/];

/** The routing a message asks for, or undefined when it asks for none (or only asks how). */
export function readDriftSubscription(utterance: Pick<Utterance, "clean">, hasEndpoint: boolean): DriftAction | undefined {
  const text = utterance.clean.toLowerCase();
  if (LIST.some((pattern) => pattern.test(text))) return "list";
  if (HOW_TO.test(text) && !/^(?:can|could|would|will) (?:you|u)\b/.test(text)) return undefined;
  if (UNSUBSCRIBE.some((pattern) => pattern.test(text))) return "unsubscribe";
  if (SUBSCRIBE.some((pattern) => pattern.test(text))) return "subscribe";
  // In the other languages, only a message that speaks of drift or its monitor routes its alerts, and one naming no endpoint
  // only when it says where ("quita las alertas de drift de este canal").
  if (!hasEndpoint && !HERE_ABROAD.test(text)) return undefined;
  if (!SPEAKS_OF_DRIFT_ABROAD.test(text) || QUESTION_OPENING_ABROAD.test(text)) return undefined;
  if (UNSUBSCRIBE_ABROAD.some((pattern) => pattern.test(text))) return "unsubscribe";
  if (SUBSCRIBE_ABROAD.some((pattern) => pattern.test(text))) return "subscribe";
  return undefined;
}
