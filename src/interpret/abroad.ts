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
  /(^|[\s¿¡])((me|nos) (lo |la )?(deploy[aá]s|deploye[aá]s|despleg[aá]s|pon[eé]s|sub[ií]s|lanz[aá]s|par[aá]s|lanzas?|relanzas?|subes|sube|pones|pasas|haces|mandas|devuelves|devuelve|paras|cancelas|cancela|despliegas|despliega|entrenas|entrena|ejecutas|ejecuta|arrancas|arranca|montas|monta|tiras|corres|corre)|lo lanzas|la lanzas|te (importa|encargas|animas)|(me|nos) ech[aá](s|is) una mano|[eé]chame una mano|[eé]chanos una mano|(me|nos) (lo |la )?(lanz[aá]is|relanz[aá]is|ejecut[aá]is|arranc[aá]is|despleg[aá]is|par[aá]is|cancel[aá]is)|tu t'en occupes|vous vous en occupez|tu (le|la|les) (lances|relances|démarres|arrêtes|stoppes|déploies|fais)|tu (sais|saurais|peux|pourrais) (me |nous )?\p{L}+|tu (me|nous) \p{L}+|on pourrait|ça te dérange(rait)?|ça vous dérange(rait)?|cela vous dérangerait|ça te dit|merci d['’]\p{L}+)(?![\p{L}])/iu;

export const POLITE_REQUEST =
  /(^|[\s¿¡])((le|te|les) pido que|je (vous|te) demande d[e']|ich bitte (dich|sie|euch)|(estar[ií]a|ser[ií]a) (genial|bueno|ideal|perfecto|top|bien) (que|si) (alguien|alguno|alguna|usted|ustedes|vos|t[uú])|ce serait (top|bien|cool|g[ée]nial|parfait|super) (que|si) (quelqu'un|tu|vous)|w(ä|ae)re (super|toll|gut|cool|klasse|prima),? wenn (jemand|du|ihr)|chönntsch|chönnted sie|chasch|t(ä|ae)tst( du| ma| mir)?|kannst (ma|mir|mer)|auriez-vous l'amabilit[ée] de|vous savez me|tu sais me|merci de|w(ü|ue|u)rden sie|ser[ií]a tan amable de|ser[ií]as tan amable de|pod[ée]s|kriegst du|schaffst du|w(ä|ae)re nett,? wenn|kannst du|k(ö|oe|o)nntest du|k(ö|oe|o)nnen sie|k(ö|oe|o)nnten sie|kann man bitte|w(ä|ae|a)re es m(ö|oe|o)glich|wärst du so nett|wären sie so nett|sei so nett|magst du|w(ü|ue|u)rdest du|puedes|podr[ií]as|podr[ií]a usted|podr[ií]a \p{L}+[aei]r|pod[ée]is|puede usted|me haces el favor de|(hay|habr[ií]a|habr[aá]) (chance|chances|posibilidad|forma|manera) de que|me har[ií]as el favor de|ser[ií]a posible|es posible|da tiempo a|tu peu[xt]|peux-tu|podemos|podr[ií]amos|k(ö|oe|o)nnen wir|k(ö|oe|o)nnten wir|pourrais-tu|tu pourrais|pouvez-vous|vous pouvez|pourriez-vous|vous pourriez|tu veux bien|serait-il possible|ça jouerait de|ça te dirait de|ça vous dirait de|será que (me|nos) (puede|puedes|podés|podrías|podría)|est-ce que tu peux|est-ce qu'on peut|on peut)(\s|$)|(て|で)(もらえ|もらえません|くれ|くれません|いただけ|いただけません)(ます)?(か|でしょうか)|(て|で)(もらえる|もらえない|くれる|くれない|くれん)[？?]|(て|で)もらっても(いい|よろしい)|お願いでき(ます|る|ません)(か|でしょうか)?|お願いしてもいい|お願いしても(よろしい|いい)(です|でしょう)か|いただけ(ます|ません)(か|でしょうか)|(くれ|もらえ)へん|(て|で)(もらえ|くれ|いただけ)(ます|ません)[？?]|(て|で)もろ(て|うて)(ええ|いい)/iu;

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
const UNSUPPORTED_VERB_STEMS = "freigeb|freizugeb|lösch|entfern|genehmig(?!t)|umbenenn|abreiß|abreiss|plattmach|borra|elimina|renombra|desmont|destru|supprim|efface|approuv(?!é)|renomm|démont|demont|détrui|detrui";
const UNSUPPORTED_VERBS_JA = "削除|消して|承認して|却下|廃止|片付けて";
/** Tearing down in words apart ("reiß churn-staging ab", "tira abajo churn-dev", "fous en l'air …"): a delete; "gib Version 3 frei": an approval. */
const TEAR_DOWN_ABROAD = "(^|\\s)(gib|gibt|gebt)\\s(\\S+\\s){0,4}frei(?![\\p{L}])|(^|\\s)(rei(ß|ss)e?|reisst|rei(ß|ss)t)\\s(\\S+\\s){0,3}ab(?![\\p{L}])|(^|\\s)(tira|tirar|tiren|echa|echar|echen)( \\S+){0,3} abajo(?![\\p{L}])|(^|\\s)(fous|foutre|fiche|ficher) en l'air";

/**
 * Operations the bot never offers (delete, approve, rename, grant rights), in the corpus languages:
 * the classifier never turns such a text into an action, whatever it scores.
 */
export const UNSUPPORTED_OPERATION = new RegExp(
  `(^|\\s)(${UNSUPPORTED_VERB_STEMS}|aprueba)|\\bapproved\\b|berechtigung|(?<!keine |keinen |kein |wegen |fehlende |fehlender )\\brechte\\b|(?<!no tengo |sin |sin los |por |de )permisos?\\b|(?<!pas les |pas de |aucun |de |des )\\bdroits\\b|habilitation|${UNSUPPORTED_VERBS_JA}|承認者|権限|名前を変え`,
  "i",
);

/**
 * Stop verbs. The classifier tends to read "stopp den Tuning-Job …" or "¿puedes parar mi
 * entrenamiento?" by its resource noun (a tuning, a training): the verb says stop. Spanish "para"
 * is also "for", so it counts only as the first word, before an article.
 */
const STOP_VERBS =
  /(^|[\s¿¡,'’])(l'|l’)?(stop|stopp|stoppe|stoppen|abbrechen|abbricht|brich|brecht|anhalten|beende|beenden|abbrichst|abbrecht|parar|pará|páralo|paralo|páralos|párala|parala|detén|detenlo|detenla|detener|deten|detenga|detengan|mata|matá|mátalo|cancela|cancélalo|cancelalo|cancelar|cancelá|cancelen|aborta|abortar|frena|frenar|arr[eê]te|ar[eê]te|arr[eê]te-le|arr[eê]te-la|arr[eê]ter|arr[eê]tez|stopper|annule|annule-le|annule-la|annuler|annulez|interromps|interrompre|couper|coupe|coupe-le|coupe-la|arr[eê]te-moi|stoppe-moi|flingue|tue-moi|tue-le|tue-la|tue le|tue la|tuez le|tuez la|abwürgen|abwuergen|würg|córtalo|cortalo|córtala|cortala|mátalo|matalo|mátala|matala)([\s,.!?:]|$)|^(por favor,?\s*)?para (al tiro |ya )?(el|la|los|las|mi|mis|ese|esa|este|esta)\s|止め|停止|キャンセル|中止|中断(して|させ|する|お願い)|ストップ/i;

/** Start verbs: what they start is said by the noun or the name beside them. */
const START_VERBS =
  /(^|[\s¿¡,'’])(starte|starten|startest|anwerfen|wirf|ausführen|vuelve a (correr|lanzar|ejecutar|arrancar)|volver a (correr|lanzar|ejecutar|arrancar)|lanza|lanzar|lanzá|lanz[aá]is|lanzad|relanz[aá]is|relanzad|ejecut[aá]is|ejecutad|arranc[aá]is|arrancad|l[aá]nza(me|lo|la|nos|melo|mela|le|les)|rel[aá]nza(me|lo|la|nos)|ej[eé]c[uú]ta(me|lo|la|nos)|arr[aá]nca(me|lo|la|nos)|lancen|lances|relanza|relances|ejecutes|arranques|inicies|relanzar|tira|tirar|ejecuta|ejecutar|ejecutá|arranca|arrancar|arranque|corre|correr|córrelo|correlo|corra|ejecute|inicia|iniciar|inicie|dale|lance|lancer|lancez|relance|relancer|relancez|démarre|démarrer|démarrez|exécute|exécuter|exécutez|vas-y|c'est parti|refaire tourner|faire tourner|fais tourner|refais tourner|refaites tourner|faites tourner|laufen lassen|durchlaufen lassen|anstoßen|anstossen|lanzara|lanzase|relanzara|ejecutara|arrancara|corriera|go|lanzarse|relanzarse|ejecutarse|correrse)([\s,.!?]|$)|(^|\s)(doit|doivent|faut|devrait|devraient) (\S+ )?être (re)?lanc[ée]e?s?(?![\p{L}])|(^|\s)(muss|müsste|sollte) (\S+ ){0,3}(neu )?(gestartet|angestoßen|angeworfen) werden|(^|\s)hay que (volver a )?(lanzar|correr|ejecutar|relanzar)(?![\p{L}])|(^|\s)lass(t)? \S+( \S+){0,2} (durch)?laufen([\s,.!?]|$)|(チューニング|tuning|学習|再学習|トレーニング|training|パイプライン|pipeline)\s*(を|も)?\s*(起動)?\s*(お願い|おねがい|頼む|頼みます)|チューニング\s*(を|も)?\s*かけ(て|といて)|実行して|実行してください|実行しといて|回して|回しといて|流して|流しといて|走らせて|走らせといて|開始して|始めて|スタートして|キックして|起動して/iu;

/** Verbs that say the action themselves (typed loosely: "trainiren", "entrena", "réentraîne", "deploye"). */
const ACTION_VERBS: readonly (readonly [pattern: RegExp, verb: "train" | "tune" | "deploy"])[] = [
  [/(^|[\s¿¡,])(neu )?(tunen|tune|tune-(le|la|les)|optimier\w*)([\s,.!?]|$)|(^|[\s¿¡,])(afina|afinar|optimiza|optimizar|tunea|tunear|optimise|optimiser)([\s,.!?]|$)|チューニングして|最適化して/i, "tune"],
  // Verb forms only: the nouns ("Training", "entrenamiento", "entraînement") name what a stop stops.
  [/(^|\s)(tiene|tienen|debe|deben|hay) que ser (re)?entrenad[oa]s?|(^|\s)(doit|doivent|faut|devrait) être (ré|re)?entra[iî]n[ée]e?s?|(^|\s)(muss|müssen|sollte) (\S+ ){0,3}(neu )?trainiert werden|(^|[\s¿¡,])(neu ?|nach)?traini?e?r(e|en|t|st|n)?(?![\p{L}])|(^|[\s¿¡,])(re)?entr[eé]n(a|ar|á|en|es|ad|alo|ala|arlo)(?![\p{L}])|(^|[\s¿¡,])(ré|re)?entra[iî]n(e|er|ez|es)(?![\p{L}])|再?学習(して|させて|を回して|お願い)|(re)?train(して|しといて|お願い)/iu, "train"],
  [/(^|[\s¿¡,])(deploye\w*|ausroll\w*|rausroll\w*|bereitstell\w*|despleg\w*|desplieg\w*|déploi\w*|déploy\w*|deploi\w*|deploy\w*|rollback\w*|roll ?back|zurückroll\w*|zurücksetz\w*|scoren|scort|scorer|scorez|puntuar|puntúa|puntua|vuelve atrás|volvé atrás|volver atrás|revierte|revertir|reviértelo|reviens en arrière|revenir en arrière)|(デプロイ|リリース)して(?!から|い[るた])|ロールバック|スコアリングして/i, "deploy"],
];

/**
 * Everyday verbs of putting something somewhere ("pousse la v3 sur churn-staging", "metele la v3 a churn-prod",
 * "最新版をステージングに出して"): a deploy only with a version and a place to put it named.
 */
const PUT_VERBS =
  /(^|[\s¿¡,])(pousse|pousser|poussez|mets|mettre|mettez|colle|balance|pon|ponle|ponla|pone|poner|metele|métele|mete|meter|sube|subir|súbela|subela|tener|avoir|pack|packe|schieb|schiebe|spiel|spiele|bring|bringe)(?![\p{L}])|(に|へ)\s?(出して|上げて|載せて|反映して|入れて|出しといて|上げといて)|を\S{0,12}(に|へ)\s?(出して|上げて|載せて|反映して|入れて)/iu;
/** The words of a wish in German, Spanish and French ("hätte gern", "quiero", "je voudrais"), for the wished-for patterns below. */
const WISH_WORDS = "hätte gerne?|hätten gerne?|möchte|bräuchte|brauche|quiero|queremos|necesito|necesitamos|me gustaría|quisiera|je voudrais|j'aimerais|on voudrait|il (me|nous) faut";
/** A tuning wished for ("quiero un barrido de hiperparámetros de churn-xgb", "ich hätte gern ein HPO für churn-xgb"). */
const TUNING_WISHED = new RegExp(`(${WISH_WORDS}|ponle|ponele|mets-lui)[^.!?]{0,20}(tuning|hpo|barrido|sweep|hiperpar[aá]metros|hyperparam[eè]tres|hyperparameter-?(suche|optimierung)|bayes\\p{L}*)`, "iu");
/** A fresh model wished for ("ich hätte gern ein frisches basket-rec Modell", "新しい basket-rec のモデルがほしい"): a training. */
const FRESH_MODEL_WISHED = new RegExp(`(${WISH_WORDS})[^.!?]{0,40}((frische[sn]?|neue[sn]?) (\\S+ ){0,2}modell|(nuevo|fresco) (\\S+ ){0,2}modelo|modelo (\\S+ ){0,2}(nuevo|fresco)|(nouveau|nouvel) (\\S+ ){0,2}mod[eè]le|tout frais)|新しい[^。！？]{0,20}モデル(が|を)?(ほしい|欲しい)`, "iu");

export const VERSION_NAMED = /(^|[^\p{L}])(v\d+|versi[oó]n|version|modellversion)(?![\p{L}])|最新版|最新のバージョン|バージョン\d|v\d/iu;
export const TARGET_NAMED = /(^|[^\p{L}])(prod|staging|dev|produktion|producci[oó]n|production)(?![\p{L}])|本番|ステージング|開発環境|エンドポイント/iu;

const TUNING_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "automatic-model-tuning")?.[0];
const PIPELINE_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "pipelines")?.[0];
const TRAINING_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "sagemaker-training")?.[0];

/**
 * One of ours named by its kind with a definite article or a possessive ("le pipeline", "den
 * Trainingsjob", "mi entrenamiento", "unsere Pipeline"), as "the pipeline" or "my job" in English.
 */
export const RESOURCE_REFERENCE_ABROAD =
  /(^|[\s¿¡(])(der|die|das|den|dem|vom|zum|dies(en|em|er|es|e)?|mein(en|em|e)?|unser(en|em|e)?|dein(en|em|e)?|el|la|los|las|del|al|ese|esa|este|esta|mi|mis|nuestro|nuestra|tu|le|les|l'|du|au|ce|cet|cette|mon|ma|mes|notre|nos|ton)\s?(\S+\s)?(pipeline|pipelines|trainingsjob|trainings-job|training|tuning-job|tuning|tunig|tunign|tunnig|tunning|hpo|hpo-job|job|jobs|lauf|ausführung|endpoint|endpunkt|modell|modèle|modele|modelo|entrenamiento|canalización|ejecución|trabajo|entraînement|entrainement|exécution|tâche)(?![\p{L}])|(チューニング|トレーニング|学習|パイプライン)(ジョブ|の実行)?(を|は)?\s*(止め|停止|キャンセル|中止|ストップ)|(その|この|あの|例の)\s?(チューニング|トレーニング|学習|ジョブ|パイプライン|エンドポイント)|\S+のモデル/iu;

const DEPLOY_VERB = ACTION_VERBS.find(([, verb]) => verb === "deploy")?.[0];
const BATCH_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "batch-transform")?.[0];
const ENDPOINT_NOUN = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "realtime-endpoint")?.[0];

/** A deploy said in the other languages: its verb, a batch transform or an endpoint. */
export function speaksOfDeploying(text: string): boolean {
  return [DEPLOY_VERB, BATCH_NOUN, ENDPOINT_NOUN].some((pattern) => pattern?.test(text) === true);
}

/**
 * A new version compared with the one serving, on the live requests, in the other languages ("comparer
 * la nouvelle version avec celle en prod sur les mêmes requêtes live", "mit echtem Traffic vergleichen,
 * ohne dass Kunden etwas merken"): shadow testing, which no plan runs.
 */
export const SHADOW_NEED_ABROAD =
  /(compar\w*|vergleich\w*|gegen(über)?stell\w*|比較|比べ)(?=.*(live|r[ée]el(les)?|reales?|echte[mnr]?|mismas peticiones|m[êe]mes requ[êe]tes|selben (requests|anfragen)|本番の?(トラフィック|リクエスト)|実トラフィック))|((live|r[ée]el|reales?|echte[mnr]?|本番)\S*\s?(\S+\s)?(traffic|trafic|tr[áa]fico|requests|requ[êe]tes|peticiones|anfragen|トラフィック|リクエスト)|(traffic|trafic|tr[áa]fico|requ[êe]tes|peticiones)\s(de\s)?(live|r[ée]el\S*|real\S*|producci[oó]n|production))(?=.*(sans (aucun )?risque|sans que les (clients|utilisateurs)|sin que (los )?(clientes|usuarios)|sin riesgo|ohne (dass|risiko)|影響(なし|なく|を与えず|を出さず|させず|が出ない)|気づかれず|バレず))|裏で(動か|走ら|回)/is;

const TRAIN_OR_TUNE_VERBS = ACTION_VERBS.filter(([, verb]) => verb !== "deploy").map(([pattern]) => pattern);

const TUNE_VERB = ACTION_VERBS.find(([, verb]) => verb === "tune")?.[0];

/** Going back to the previous version, in the other languages ("vuelve atrás", "zurückrollen", "reviens en arrière", "ロールバック"). */
export const ROLLBACK_ABROAD = /zurückroll|zurücksetz|vuelve atrás|volvé atrás|volver atrás|revierte|revertir|reviértelo|reviens en arrière|revenir en arrière|retour arrière|ロールバック|元に戻して/iu;

/** A tuning spoken of, in any corpus language: its verb or its noun ("tuning", "HPO", "hiperparámetros", "sweep"). */
export function speaksOfTuning(text: string): boolean {
  return [TUNE_VERB, TUNING_NOUN].some((pattern) => pattern?.test(text) === true) || /tun(e|ing|ed)|optimi[sz]/i.test(text);
}

/** A pipeline spoken of by its noun ("einen neuen Lauf der Retrain-Pipeline", "el pipeline de reentreno"). */
export function speaksOfPipeline(text: string): boolean {
  return PIPELINE_NOUN?.test(text) === true;
}

/** A training or a tuning spoken of, in any corpus language: its verb or its noun. */
export function speaksOfTraining(text: string): boolean {
  return [...TRAIN_OR_TUNE_VERBS, TRAINING_NOUN, TUNING_NOUN].some((pattern) => pattern?.test(text) === true) || /\b(re)?(train|tune)\w*/i.test(text);
}

/** Courtesy before the verb of a request ("bitte starte …", "por favor lanza …", "stp relance …"). */
const LEADING_COURTESY = /^((bitte|por favor|porfa|stp|svp|s'il te plaît|pls|please|hey|ok|okay|oye|allez|dale|dann|und|et|du coup|alors|bon|y|entonces|bueno|vale|lass mal|lass uns|lasst uns|vamos a)[\s,!]+)+/i;
/** A Japanese clause closing on a request ("…実行して", "…止めてください", "…お願いします"). */
const JAPANESE_REQUEST_END = /(して|て(ください|くれ|ね|ほしい(です)?)?|お願い(します)?|おねがい(します)?|頼む(わ|で)?|頼みます)[。!！〜~ー🙏\s]*$/u;

/** Hiragana or katakana: the text is (partly) Japanese. */
export const JAPANESE_KANA = /[\u3040-\u30ff]/;

/** A Japanese message closing on a request, whatever was told before it ("デプロイしてから…ロールバックして"). */
export function closesOnJapaneseRequest(text: string): boolean {
  return JAPANESE_KANA.test(text) && JAPANESE_REQUEST_END.test(text);
}

/**
 * A look asked for by its verb or its noun, in the other languages ("…が InService か確認していただけますか",
 * "estado churn-retrain", "prüf mal churn-prod"): with no action's verb beside it, a status, whatever the classifier read.
 */
export const LOOK_ASKED_ABROAD =
  /確認して|チェックして|確認したい|チェックしたい|見てもらえ|教えて|^(estado|status|état|etat|stand|ステータス|状況)(?![\p{L}])|(^|\s)(prüf|pruef|schau|guck)\p{L}*|(^|[\s¿])(revisa|revisá|comprueba|checa|chequea|mira|fíjate)(?![\p{L}])|(^|\s)(vérifie|vérifiez|verifie|regarde|regardez)(?![\p{L}])/iu;

/**
 * The verb opens the clause ("starte …", "lanza …", "bitte stopp …"), or closes it as a Japanese
 * request ("…実行して"); a participle in a description ("un classifieur tuné, déployé") opens nothing.
 */
export function opensWithVerbAbroad(clause: string): boolean {
  const opening = clause.replace(LEADING_COURTESY, "").split(/\s+/).slice(0, 2).join(" ");
  const verbs = [STOP_VERBS, START_VERBS, ...ACTION_VERBS.map(([pattern]) => pattern)];
  return verbs.some((pattern) => pattern.test(opening)) || JAPANESE_REQUEST_END.test(clause);
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
  if (says.length === 0 && PUT_VERBS.test(text) && VERSION_NAMED.test(text) && TARGET_NAMED.test(text)) says.push("deploy");
  // "necesito un modelo de fraude nuevo …, lánzame fraud-xgb": a start beside a fresh model wished for is a training.
  if (says.length === 0 && FRESH_MODEL_WISHED.test(text)) {
    if (starts && !stops) return "train";
    says.push("train");
  }
  if (says.length === 0 && !starts && !stops && TUNING_WISHED.test(text)) says.push("tune");
  if ([stops, starts, says.length > 0].filter(Boolean).length !== 1 || says.length > 1) return undefined;
  if (stops) return "stop";
  if (says[0]) return says[0];
  if (TUNING_NOUN?.test(text)) return "tune";
  // "lance une transformation par lots avec churn-xgb v3": a batch transform started is a deploy, whatever the name also is.
  if (BATCH_NOUN?.test(text)) return "deploy";
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
  /(^|\s)(a|ont) été (re)?(lanc|d[ée]marr|ex[ée]cut|d[ée]ploy|entra[iî]n)\p{L}*|(^|\s)(wurde|wurden|ist) (\S+ ){0,3}(neu )?(gestartet|deployt|ausgerollt|trainiert)(?![\p{L}])|(^|\s)(fue|fueron|ya se) (re)?(lanz|ejecut|despleg|entren)\p{L}*|(^|\s)(hab|habe|hat|haben)\s(\S+\s){0,5}(ge(startet|laufen|macht|trainiert)|angeworfen|(neu )?trainiert|neu gestartet)(?![\p{L}])|(^|\s)(hab|habe|hat|haben)\s(\S+\s){0,12}(deployed|deployt|ausgerollt)(?![\p{L}])|(^|\s)(j'ai|on a|il a|je l'ai|je les ai|on l'a|je l’ai)\s(\S+\s)?(lanc[ée]|pouss[ée]|mis|relanc[ée]|d[ée]marr[ée]|ex[ée]cut[ée]|d[ée]ploy[ée]|r?entra[iî]n[ée])|(^|\s)(he|hemos|ha)\s(\S+\s)?(lanzado|relanzado|ejecutado|arrancado|desplegado|entrenado|reentrenado)|(^|\s)(anoche|ayer|ya)\s(lanc[ée]|ejecut[ée]|desplegu[ée]|entren[ée]|reentren[ée])|(^|\s)(desplegu[ée]|lanc[ée]|ejecut[ée]|entren[ée]|sub[íi]|pus[ei]) (yo|ya)(?![\p{L}])|(^|\s)(la|lo|las|los) (sub[íi]|desplegu[ée]|lanc[ée]|pus[ei]) yo(?![\p{L}])|(実行|開始)した(けど|が|ん)|(デプロイ|実行|学習|リリース)(して|した)(から|後|あと|ばかり)|(デプロイ|実行|学習)済み|自分で\S{0,20}(デプロイ|実行|学習)(した|しました|済み)|(デプロイ|実行|学習|リリース|ロールバック|停止)(しておきました|しておいた|しときました|しといた)|(デプロイ|学習|チューニング|ロールバック|実行)(が|は|も)?(終わりました|終わった(?!ら)|完了しました|完了です|できました(?!ら))/iu;

/** The verbs of operations the bot never offers, as requests (delete, rename, approve, grant). */
export const UNSUPPORTED_REQUEST_ABROAD = new RegExp(
  `(^|\\s)(${UNSUPPORTED_VERB_STEMS}|aprueb|aprobar(?!on))\\p{L}*|(^|\\s)iam(?![\\p{L}])|${UNSUPPORTED_VERBS_JA}|名前を変えて|${TEAR_DOWN_ABROAD}`,
  "iu",
);

/** Thanks and praise alone ("merci, c'est parfait", "danke dir!", "¡gracias, genial!", "ありがとうございます！"). */
/** Thanks for the help given ("danke für die Hilfe heute", "merci infiniment pour ton aide"): not a call for help. */
export const THANKED_FOR_HELP =
  /(thanks|thank you|thx|ty|danke|vielen dank|merci|gracias)(\s+\p{L}+){0,2}\s+(for|für|pour|por)\s+(the|your|all the|die|deine|eure|ihre|ta|ton|votre|vos|la|tu|su)?\s*(help|hilfe|aide|ayuda)|助けてくれて|手伝ってくれて/iu;

export const THANKS_ONLY_ABROAD =
  /^\s*(merci|danke|vielen dank|gracias|muchas gracias|ありがとう)[\s\p{L}'’,.!…]{0,30}[!！.。…]*\s*(:[a-z0-9_+-]+:|\p{Extended_Pictographic}\uFE0F?|\s)*$/iu;

/** What a thing is, asked ("…って何？", "c'est quoi …", "was ist ein …", "qué es el …"). */
export const DEFINITION_QUESTION =
  /(って|とは)(何|なに|なん)|(^|[\s¿¡,])(was (ist|sind) (ein|eine|der|die|das)|qu[ée] (es|son) (el|la|los|las|un|una|eso)|c'est quoi|qu'est-ce que c'est|qu'est-ce qu'(un|une))(?![\p{L}])/iu;

/** Drift and its findings named in the other corpus languages ("dérive", "deriva", "ドリフト", "Verstöße"). */
export const DRIFT_NOUN_ABROAD = /d[ée]rive|deriva|drift|ドリフト|verst(ö|oe)(ß|ss)e|violaci[oó]n|violations?|違反/iu;

/** Listing, showing, or what is running now, in German, Spanish, French and Japanese. */
export const LIST_OR_RUNNING_ABROAD =
  /(^|[\s¿¡])(liste|listet|auflisten|zeig|zeige|muestra|muéstrame|mostrame|enséñame|ensename|lista|listar|affiche|montre|montre-moi)(?![\p{L}])|(laufen gerade|gerade laufen|en cours|en curso|corriendo ahora|qui tournent|que corren)|一覧|リスト|実行中|走ってる|動いてる/iu;

/** A kind of resource of ours named by its noun ("trainings", "jobs de tuning", "ジョブ"). */
export const RESOURCE_NOUN_ABROAD = /job|training|tuning|pipeline|entrenamiento|entra[iî]nement|trabajo|ejecuci|ex[eé]cution|ジョブ|学習|トレーニング|チューニング|パイプライン|実行/iu;
