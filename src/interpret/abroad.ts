/**
 * Cues of the corpus's other languages (German, Spanish, French, Japanese) that rules read better
 * than the classifier: a request put as a question, an operation the bot never offers, and the verb
 * that says whether a request stops or starts something. The rules' own lexicon (lexicon.ts) is
 * English and reads the shape's words; these read the text itself, since Japanese has no spaces.
 */
import { RESOURCE_NOUNS_ABROAD } from "./lexicon.js";

/** Requests put as questions ("kannst du …?", "¿puedes …?", "tu peux …?", "…てもらえますか"): still requests. */
export const POLITE_REQUEST =
  /(^|[\s¿¡])(kannst du|könntest du|können sie|könnten sie|kann man bitte|wäre es möglich|wärst du so nett|wären sie so nett|sei so nett|magst du|würdest du|puedes|podrías|podéis|puede usted|me haces el favor de|me harías el favor de|sería posible|es posible|da tiempo a|tu peux|peux-tu|pourrais-tu|tu pourrais|pouvez-vous|vous pouvez|pourriez-vous|vous pourriez|tu veux bien|serait-il possible|est-ce que tu peux|est-ce qu'on peut|on peut)(\s|$)|(て|で)(もらえ|もらえません|くれ|くれません|いただけ|いただけません)(ます)?か/i;

/**
 * "…をキャンセルできますか？" asked of the bot about something named is a request: Japanese asks
 * for a thing to be done as whether it can be. Without a name ("トライアルを打ち切れますか？") it
 * stays a question about what the service can do.
 */
export const JAPANESE_CAN_IT_BE_DONE = /(でき|られ)ますか|できる[？?]/;

/**
 * Operations the bot never offers (delete, approve, rename, grant rights), in the corpus languages:
 * the classifier never turns such a text into an action, whatever it scores.
 */
export const UNSUPPORTED_OPERATION =
  /(^|\s)(lösch|entfern|genehmig|umbenenn|borra|elimina|aprueba|renombra|supprim|efface|approuv|renomm)|\bapproved\b|berechtigung|\brechte\b|permisos?\b|\bdroits\b|habilitation|削除|消して|承認して|承認者|権限|名前を変え/i;

/**
 * Stop verbs. The classifier tends to read "stopp den Tuning-Job …" or "¿puedes parar mi
 * entrenamiento?" by its resource noun (a tuning, a training): the verb says stop. Spanish "para"
 * is also "for", so it counts only as the first word, before an article.
 */
const STOP_VERBS =
  /(^|[\s¿¡,])(stopp|stoppe|stoppen|abbrechen|brich|brecht|anhalten|beende|beenden|parar|pará|detén|detener|deten|detengan|cancela|cancelar|cancelá|cancelen|aborta|abortar|frena|frenar|arr[eê]te|arr[eê]ter|arr[eê]tez|stopper|annule|annuler|annulez|interromps|interrompre)([\s,.!?]|$)|^(por favor,?\s*)?para (el|la|los|las|mi|mis|ese|esa|este|esta)\s|止め|停止|キャンセル|中止|中断/i;

/** Start verbs: what they start is said by the noun or the name beside them. */
const START_VERBS =
  /(^|[\s¿¡,])(starte|starten|startest|anwerfen|wirf|ausführen|lanza|lanzar|lanzá|lancen|ejecuta|ejecutar|ejecutá|arranca|arrancar|lance|lancer|lancez|démarre|démarrer|démarrez|exécute|exécuter|exécutez)([\s,.!?]|$)|実行して|実行してください|回して|走らせて|開始して|始めて|スタートして|キックして|起動して/i;

const TUNING_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "automatic-model-tuning")?.[0];
const PIPELINE_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "pipelines")?.[0];
const TRAINING_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "sagemaker-training")?.[0];

/** What the verb of a request in another language says it does, when it says one thing. */
export type VerbAbroad = "stop" | "train" | "tune" | "pipeline";

/**
 * Stop, or start: a tuning (its noun), a pipeline or a training (the inventory's kind for the name,
 * else the noun). Undefined when the text has no such verb, both kinds, or a start verb with nothing
 * to say what it starts.
 */
export function verbAbroad(text: string, startedAs: "pipeline" | "train" | undefined): VerbAbroad | undefined {
  const stops = STOP_VERBS.test(text);
  const starts = START_VERBS.test(text);
  if (stops === starts) return undefined;
  if (stops) return "stop";
  if (TUNING_NOUN?.test(text)) return "tune";
  if (startedAs) return startedAs;
  if (PIPELINE_NOUN?.test(text)) return "pipeline";
  if (TRAINING_NOUN?.test(text)) return "train";
  return undefined;
}
