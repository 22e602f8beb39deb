/**
 * Cues of the corpus's other languages (German, Spanish, French, Japanese) that rules read better
 * than the classifier: a request put as a question, an operation the bot never offers, and the verb
 * that says whether a request stops or starts something. The rules' own lexicon (lexicon.ts) is
 * English and reads the shape's words; these read the text itself, since Japanese has no spaces.
 */
import { RESOURCE_NOUNS_ABROAD } from "./lexicon.js";

/** Requests put as questions ("kannst du …?", "¿puedes …?", "tu peux …?", "…てもらえますか"): still requests (see also asksOfSomeone). */
/**
 * A second person asked to do something, put as a question: "¿me lanzas …?", "¿te importa cancelar …?",
 * "tu me lances …?", "tu sais me relancer …?", "on pourrait remettre …?".
 */
const SECOND_PERSON_REQUEST =
  /(^|[\s¿¡])((me|nos) (lanzas|relanzas|subes|pones|pasas|haces|mandas|devuelves|paras|cancelas|despliegas|entrenas|ejecutas|arrancas|montas|tiras|corres)|te (importa|encargas|animas)|tu (sais|saurais|peux|pourrais) (me |nous )?\p{L}+|tu (me|nous) \p{L}+|on pourrait|ça te dérange|ça te dit|merci d['’]\p{L}+)(?![\p{L}])/iu;

export const POLITE_REQUEST =
  /(^|[\s¿¡])(merci de|w(ü|ue|u)rden sie|ser[ií]a tan amable de|ser[ií]as tan amable de|pod[ée]s|kriegst du|schaffst du|w(ä|ae)re nett,? wenn|kannst du|k(ö|oe|o)nntest du|k(ö|oe|o)nnen sie|k(ö|oe|o)nnten sie|kann man bitte|w(ä|ae|a)re es m(ö|oe|o)glich|wärst du so nett|wären sie so nett|sei so nett|magst du|w(ü|ue|u)rdest du|puedes|podr[ií]as|podr[ií]a usted|pod[ée]is|puede usted|me haces el favor de|me har[ií]as el favor de|ser[ií]a posible|es posible|da tiempo a|tu peux|peux-tu|pourrais-tu|tu pourrais|pouvez-vous|vous pouvez|pourriez-vous|vous pourriez|tu veux bien|serait-il possible|est-ce que tu peux|est-ce qu'on peut|on peut)(\s|$)|(て|で)(もらえ|もらえません|くれ|くれません|いただけ|いただけません)(ます)?(か|でしょうか)|(て|で)(もらえる|もらえない|くれる|くれない|くれん)[？?]|(て|で)もらっても(いい|よろしい)|お願いでき(ます|る|ません)(か|でしょうか)?|お願いしてもいい/i;

/** A request put as a question, in any of the corpus's other languages. */
export function asksOfSomeone(text: string): boolean {
  return POLITE_REQUEST.test(text) || SECOND_PERSON_REQUEST.test(text);
}

/**
 * A message opening with a question word ("Wie trainier ich …", "¿Cómo despliego …", "Comment
 * lancer …"): a question about doing it, whatever follows the question mark.
 */
export const QUESTION_OPENING_ABROAD =
  /^[¿¡\s]*(wie|was|warum|wieso|weshalb|wo|wann|welche[rsnm]?|womit|woran|cómo|como|qué|que|dónde|donde|cuál|cual|cuándo|cuando|por qué|para qué|comment|quel|quelle|quels|quelles|pourquoi|où|quand|qu'est-ce)(?![\p{L}])|^(どう|どの|何|なぜ|なんで|いつ|どこ)/iu;

/**
 * "…をキャンセルできますか？" asked of the bot about something named is a request: Japanese asks
 * for a thing to be done as whether it can be. Without a name ("トライアルを打ち切れますか？") it
 * stays a question about what the service can do.
 */
export const JAPANESE_CAN_IT_BE_DONE = /(でき|られ)ますか|できる[？?]|[せれえけめ]る[？?]\s*$/;

/** The verbs of operations the bot never offers (delete, remove, approve, rename), as their stems. */
const UNSUPPORTED_VERB_STEMS = "lösch|entfern|genehmig|umbenenn|borra|elimina|renombra|supprim|efface|approuv|renomm";
const UNSUPPORTED_VERBS_JA = "削除|消して|承認して";

/**
 * Operations the bot never offers (delete, approve, rename, grant rights), in the corpus languages:
 * the classifier never turns such a text into an action, whatever it scores.
 */
export const UNSUPPORTED_OPERATION = new RegExp(
  `(^|\\s)(${UNSUPPORTED_VERB_STEMS}|aprueba)|\\bapproved\\b|berechtigung|\\brechte\\b|permisos?\\b|\\bdroits\\b|habilitation|${UNSUPPORTED_VERBS_JA}|承認者|権限|名前を変え`,
  "i",
);

/**
 * Stop verbs. The classifier tends to read "stopp den Tuning-Job …" or "¿puedes parar mi
 * entrenamiento?" by its resource noun (a tuning, a training): the verb says stop. Spanish "para"
 * is also "for", so it counts only as the first word, before an article.
 */
const STOP_VERBS =
  /(^|[\s¿¡,'’])(l'|l’)?(stopp|stoppe|stoppen|abbrechen|abbricht|brich|brecht|anhalten|beende|beenden|parar|pará|páralo|paralo|páralos|párala|parala|detén|detenlo|detenla|detener|deten|detenga|detengan|mata|matá|mátalo|cancela|cancélalo|cancelalo|cancelar|cancelá|cancelen|aborta|abortar|frena|frenar|arr[eê]te|arr[eê]te-le|arr[eê]te-la|arr[eê]ter|arr[eê]tez|stopper|annule|annule-le|annule-la|annuler|annulez|interromps|interrompre|couper|coupe|coupe-le|coupe-la|arr[eê]te-moi|stoppe-moi|flingue|abwürgen|abwuergen|würg)([\s,.!?:]|$)|^(por favor,?\s*)?para (el|la|los|las|mi|mis|ese|esa|este|esta)\s|止め|停止|キャンセル|中止|中断|ストップ/i;

/** Start verbs: what they start is said by the noun or the name beside them. */
const START_VERBS =
  /(^|[\s¿¡,'’])(starte|starten|startest|anwerfen|wirf|ausführen|lanza|lanzar|lanzá|lancen|relanza|relanzar|tira|tirar|ejecuta|ejecutar|ejecutá|arranca|arrancar|dale|lance|lancer|lancez|relance|relancer|relancez|démarre|démarrer|démarrez|exécute|exécuter|exécutez|vas-y|c'est parti|refaire tourner|faire tourner|fais tourner|go)([\s,.!?]|$)|実行して|実行してください|回して|走らせて|開始して|始めて|スタートして|キックして|起動して/i;

/** Verbs that say the action themselves (typed loosely: "trainiren", "entrena", "réentraîne", "deploye"). */
const ACTION_VERBS: readonly (readonly [pattern: RegExp, verb: "train" | "tune" | "deploy"])[] = [
  [/(^|[\s¿¡,])(neu )?(tunen|tune|optimier\w*)([\s,.!?]|$)|(^|[\s¿¡,])(afina|afinar|optimiza|optimizar|tunea|tunear|optimise|optimiser)([\s,.!?]|$)|チューニングして|最適化して/i, "tune"],
  // Verb forms only: the nouns ("Training", "entrenamiento", "entraînement") name what a stop stops.
  [/(^|[\s¿¡,])(neu ?)?traini?e?r(e|en|t|st|n)?(?![\p{L}])|(^|[\s¿¡,])(re)?entr[eé]n(a|ar|á|en|es|ad|alo|ala|arlo)(?![\p{L}])|(^|[\s¿¡,])(ré|re)?entra[iî]n(e|er|ez|es)(?![\p{L}])|再?学習(して|させて|を回して|お願い)/iu, "train"],
  [/(^|[\s¿¡,])(deploye\w*|ausroll\w*|rausroll\w*|bereitstell\w*|despleg\w*|desplieg\w*|déploi\w*|déploy\w*|deploi\w*|deploy\w*|rollback\w*|roll ?back|zurückroll\w*|zurücksetz\w*)|デプロイして|リリースして|ロールバック/i, "deploy"],
];

const TUNING_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "automatic-model-tuning")?.[0];
const PIPELINE_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "pipelines")?.[0];
const TRAINING_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "sagemaker-training")?.[0];

/**
 * One of ours named by its kind with a definite article or a possessive ("le pipeline", "den
 * Trainingsjob", "mi entrenamiento", "unsere Pipeline"), as "the pipeline" or "my job" in English.
 */
export const RESOURCE_REFERENCE_ABROAD =
  /(^|[\s¿¡(])(der|die|das|den|dem|mein(en|em|e)?|unser(en|em|e)?|dein(en|em|e)?|el|la|los|las|mi|mis|nuestro|nuestra|tu|le|les|l'|mon|ma|mes|notre|nos|ton)\s?(\S+\s)?(pipeline|pipelines|trainingsjob|trainings-job|training|tuning-job|tuning|job|jobs|lauf|ausführung|endpoint|endpunkt|entrenamiento|canalización|ejecución|trabajo|entraînement|entrainement|exécution|tâche)(?![\p{L}])|(チューニングジョブ|トレーニングジョブ|学習ジョブ|パイプラインの実行)(を|は)?\s*(止め|停止|キャンセル|中止|ストップ)/iu;

const DEPLOY_VERB = ACTION_VERBS.find(([, verb]) => verb === "deploy")?.[0];
const BATCH_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "batch-transform")?.[0];
const ENDPOINT_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "realtime-endpoint")?.[0];

/** A deploy said in the other languages: its verb, a batch transform or an endpoint. */
export function speaksOfDeploying(text: string): boolean {
  return [DEPLOY_VERB, BATCH_NOUN, ENDPOINT_NOUN].some((pattern) => pattern?.test(text) === true);
}

/** What the verb of a request in another language says it does, when it says one thing. */
export type VerbAbroad = "stop" | "train" | "tune" | "deploy" | "pipeline";

/**
 * Stop; train, tune or deploy said by the verb itself; or start: a tuning (its noun), a pipeline or a
 * training (the inventory's kind for the name, else the noun). Undefined when the text has no such
 * verb, verbs of more than one kind, or a start verb with nothing to say what it starts.
 */
export function verbAbroad(text: string, startedAs: "pipeline" | "train" | undefined): VerbAbroad | undefined {
  const stops = STOP_VERBS.test(text);
  const starts = START_VERBS.test(text);
  const says = ACTION_VERBS.filter(([pattern]) => pattern.test(text)).map(([, verb]) => verb);
  if ([stops, starts, says.length > 0].filter(Boolean).length !== 1 || says.length > 1) return undefined;
  if (stops) return "stop";
  if (says[0]) return says[0];
  if (TUNING_NOUN?.test(text)) return "tune";
  if (startedAs) return startedAs;
  if (PIPELINE_NOUN?.test(text)) return "pipeline";
  if (TRAINING_NOUN?.test(text)) return "train";
  return undefined;
}

/** Whether something can be done, asked of no one in particular ("kann man …", "se puede …", "peut-on …"). */
export const ASKS_WHETHER_ABROAD =
  /^[¿\s]*(kann man|können wir|kann ich|geht (das|es)|ist es möglich|se puede|puedo|podemos|es posible|peut-on|est-ce qu'on peut|est-il possible|puis-je)(?![\p{L}])/iu;

/** What if ("si je coupe …, on peut …?", "wenn ich … abbreche, …?"): a question, whatever politeness follows. */
export const WHAT_IF_ABROAD = /^[¿\s]*(wenn (ich|wir|man)|falls (ich|wir|man)|si (je|j'|on|tu|nous|yo|paro|corto|lanzo|detengo))(?![\p{L}])/iu;

/** A start told in the past tense ("hab ich … gestartet", "j'ai lancé", "he lanzado", "昨日…実行した"). */
export const DONE_ALREADY_ABROAD =
  /(^|\s)(hab|habe|hat|haben)\s(\S+\s){0,5}(ge(startet|laufen|macht|trainiert)|angeworfen)(?![\p{L}])|(^|\s)(j'ai|on a|il a)\s(\S+\s)?(lanc[ée]|relanc[ée]|d[ée]marr[ée]|ex[ée]cut[ée])|(^|\s)(he|hemos|ha)\s(lanzado|relanzado|ejecutado|arrancado)|(^|\s)(anoche|ayer)\s(lanc[ée]|ejecut[ée])|(実行|開始)した(けど|が|ん)/iu;

/** The verbs of operations the bot never offers, as requests (delete, rename, approve, grant). */
export const UNSUPPORTED_REQUEST_ABROAD = new RegExp(`(^|\\s)(${UNSUPPORTED_VERB_STEMS}|aprueb|aprobar)\\p{L}*|(^|\\s)iam(?![\\p{L}])|${UNSUPPORTED_VERBS_JA}|名前を変えて`, "iu");

/** Thanks and praise alone ("merci, c'est parfait", "danke dir!", "¡gracias, genial!", "ありがとうございます！"). */
export const THANKS_ONLY_ABROAD =
  /^\s*(merci|danke|vielen dank|gracias|muchas gracias|ありがとう)[\s\p{L}'’,.!…]{0,30}[!！.。…]*\s*(:[a-z0-9_+-]+:|\p{Extended_Pictographic}\uFE0F?|\s)*$/iu;

/** What a thing is, asked ("…って何？", "c'est quoi …", "was ist ein …", "qué es el …"). */
export const DEFINITION_QUESTION =
  /(って|とは)(何|なに|なん)|(^|[\s¿¡,])(was (ist|sind) (ein|eine|der|die|das)|qu[ée] (es|son) (el|la|los|las|un|una|eso)|c'est quoi|qu'est-ce que c'est|qu'est-ce qu'(un|une))(?![\p{L}])/iu;

/** Listing, showing, or what is running now, in German, Spanish, French and Japanese. */
export const LIST_OR_RUNNING_ABROAD =
  /(^|[\s¿¡])(liste|listet|auflisten|zeig|zeige|muestra|muéstrame|mostrame|enséñame|ensename|lista|listar|affiche|montre|montre-moi)(?![\p{L}])|(laufen gerade|gerade laufen|en cours|en curso|corriendo ahora|qui tournent|que corren)|一覧|リスト|実行中|走ってる|動いてる/iu;

/** A kind of resource of ours named by its noun ("trainings", "jobs de tuning", "ジョブ"). */
export const RESOURCE_NOUN_ABROAD = /job|training|tuning|pipeline|entrenamiento|entra[iî]nement|trabajo|ejecuci|ex[eé]cution|ジョブ|学習|トレーニング|チューニング|パイプライン|実行/iu;
