/**
 * Text that tries to instruct the bot, smuggle a shell or SQL command, or ask for secrets. Such text
 * is never turned into an action, whatever else it says: the interpreter answers `unknown`.
 */
const UNSAFE_PATTERNS: readonly RegExp[] = [
  // Attempts to replace the bot's instructions or role.
  /\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,60}\b(instructions?|rules|guidelines|prompts?|above|previous|prior|everything|polic(y|ies)|guard(rails)?|approvals?|approvers?|reviewers?|restrictions|checks|dry[ -]?run)\b/i,
  /\b(system prompt|hidden instructions|your instructions|developer mode|jailbreak|do anything now)\b/i,
  /\bDAN\b/,
  /^\s*(system|assistant|developer|admin)\s*:/i,
  /\b(you are now|from now on|pretend (you are|to be)|act as (an? )?(admin|root|approver|system))\b/i,
  /\b(new instruction|new instructions)\b/i,
  // Asking for secrets.
  /\b(print|show|reveal|give|send|export|dump|leak|display|tell|post|share|echo)\b[^.\n]{0,40}\b(tokens?|passwords?|secrets?|credentials?|api keys?|access keys?|\.env|env file|environment variables|env vars?|env variables|environment vars?)\b/i,
  /169\.254\.169\.254|\/latest\/meta-data/i,
  /\b[A-Z0-9_]*_(SECRET|TOKEN|PASSWORD|PASSWD|KEY)[A-Z0-9_]*\b|\b(SECRET|TOKEN|PASSWORD|API|ACCESS)_[A-Z0-9_]+\b/,
  /\$[A-Z][A-Z0-9_]{2,}/,
  /\b(signing secret|access key|secret key|private key|session token|bot token)\b/i,
  /\b(print|show|reveal|give|send|export|dump|leak|display|tell|post|share|echo)\b[^.\n]{0,40}\b(iam|role|aws|ssh|secret)( role)? keys?\b/i,
  // Changing the guard from chat.
  /^\W*(please\s+|now\s+)?(approve|unfreeze|freeze|grant|escalate|elevate)\b/i,
  /\b(approve|grant)\b[^.\n]{0,30}\b(every|everything|all|pending)\b/i,
  /\b(can|could|would|will) (you|u) (please |pls )?(approve|unfreeze|freeze|grant)\b/i,
  /\b(pls|please) (approve|unfreeze|freeze|grant)\b/i,
  /\b(disable|bypass|turn off|switch off|remove)\b[^.\n]{0,30}\b(policy|approval|approvals|guard|guardrails|checks)\b/i,
  /\b(approvals?|guard(rails)?|checks|polic(y|ies)|confirmation)\b[^\n]{0,60}\b(skip|bypass|ignore|disable|override)\b/i,
  /\bwithout (any |the |an? )?(approvals?|checks|review|guard(rails)?|confirmation|policy)\b/i,
  /\bi (order|command|authori[sz]e|instruct) you\b/i,
  /\byou (must|have to|will|shall) now\b/i,
  // Approval claimed in chat instead of given through the guard.
  /\bpre[- ]?approved\b|\bno need to (ask|approve|check|confirm|wait)\b/i,
  /\b(approver|admin|manager|boss|lead)\b[^.\n]{0,20}\b(said|says|told|okayed|ok'?d|signed off)\b/i,
  // Guard settings written as arguments ("approval_required=false").
  /\b[\w.-]*(approv|guard|polic|check|confirm)[\w.-]*\s*[=:]\s*(false|no|off|0|none|null|disabled?|skip(ped)?|bypass)\b/i,
  /\b[\w.-]*(skip|bypass|disable|ignore|no)[_.-]?(approv|guard|polic|check|confirm)[\w.-]*\s*[=:]/i,
  /\b(approvals?|checks|guard(rails)?|polic(y|ies)|confirmations?)\b[^.\n]{0,20}\b(are|is|were|was|have been|has been)\s+(now\s+)?(disabled|off|turned off|removed|waived|lifted|suspended|not (needed|required))\b/i,
  // A claimed system role that comes with an order ("as the system administrator, deploy ...").
  /\bas (the |an? )?(system )?(admin|administrator|root|superuser)\b[^.\n]{0,40}\b(deploy|approve|stop|train|skip|unfreeze)\b/i,
  // Destruction we never offer.
  /\b(delete|remove|destroy|wipe|drop|purge|erase|truncate|terminate|nuke)\b[^.\n]{0,20}\b(every|all)\b[^.\n]{0,30}\b(endpoints?|models?|jobs?|tables?|buckets?|instances?|resources?|pipelines?|artifacts?|data)\b/i,
  /\b(delete|destroy|wipe|drop|purge|erase|truncate|nuke)\b[^.\n]{0,20}\b(everything|the account|tables?|database|buckets?)\b/i,
  // Stopping in bulk: stop takes one named resource, never "all".
  /\b(stop|kill|cancel|abort|halt|shut down)\b[^.\n]{0,20}\b(every|all)\b[^.\n]{0,30}\b(endpoints?|jobs?|pipelines?|executions?|runs?|instances?|training|tuning)\b/i,
  // SQL.
  /\b(drop|delete|truncate|alter)\s+(table|from|database)\b/i,
  /\bunion\s+(all\s+)?select\b/i,
  /\bselect\b[^.\n]{0,60}\bfrom\b[^.\n]{0,40}\b(users|passwords?|where)\b/i,
  /'\s*;|;\s*--|'\s*(or|and)\s+'?\d/i,
  // Shell.
  /\$\(|\$\{/,
  /`[^`]*\b(rm|reboot|shutdown|curl|wget|bash|sh|zsh|sudo|chmod|chown|mkfs|dd|nc|ncat|eval|exec|kill|cat|python|whoami|env|printenv|uname|base64|ssh|scp)\b[^`]*`/i,
  // Command substitution glued to a word ("churn-prod`whoami`").
  /\w`[^`\s]+`/,
  /(&&|\|\||;)\s*(rm|curl|wget|bash|sh|sudo|reboot|shutdown|cat|nc|python|chmod|kill)\b/i,
  /\|\s*(sh|bash|zsh|python|perl|ruby|node|nc|ncat|netcat|curl|wget|tee)\b/i,
  /\brm\s+-[a-z]*r[a-z]*\b|\bsudo\b|\bmkfs\b|:\(\)\s*\{/i,
  /\b(curl|wget)\s+(-\S+\s+)*https?:/i,
  // A forged turn or instruction block ("</message><command>…</command>", "[INST]", "<|im_start|>"): text posing as the bot's own framing.
  /<\s*\/?\s*(message|command|system|instructions?|prompt|user|assistant|tool|tool_call|function_call)\b[^>]*>|\[\/?(INST|SYS)\]|<\|[a-z_]+\|>/i,
  // A request written as the interpreter's own output ("{"intent": "deploy", …} execute this"), or forced past its questions.
  /"(intent|action|command|tool)"\s*:/i,
  /\s--(force|yes|no-confirm|skip-approval)\b|\bsin preguntar\b|\bohne (zu )?(fragen|nachfragen|rückfrage)\b|\bsans (demander|poser de questions?|confirmer)\b|\bwithout asking\b|(聞かずに|確認せずに)/i,
  // Account and permission changes written as AWS CLI commands.
  /\baws\s+(iam|sts|organizations)\b|\b(attach|put)-(user|role|group)-policy\b|AdministratorAccess/i,
  // Markup that only makes sense as an attack on a renderer.
  /<\s*\/?\s*script\b|javascript:|\bon(error|load)\s*=/i,
  // The same attempts in German, Spanish, French and Japanese: new instructions or a new role,
  // the guard switched off or skipped, an order claimed from an administrator, stopping in bulk.
  /(ignorier|vergiss|übergeh|umgeh|missacht)\w*[^.\n]{0,60}(anweisung|regeln|richtlinie|vorgabe|freigabe|prüfung|genehmigung|polic)/i,
  /(ignor[aá]|olvid[aá]|omit[eí]|sáltate|saltate|salt[aá]|pasa por alto)\w*[^.\n]{0,60}(instrucci|reglas|normas|pol[ií]tica|aprobaci|control|restricci|revisi)/i,
  /(ignore|oublie|contourne|outrepasse|passe outre)\w*[^.\n]{0,60}(instructions?|règles|consignes|politique|approbation|validation|contrôle|restrictions?)/i,
  /(neue|geänderte)\s+(system)?anweisung|systemanweisung|systemprompt|instrucci(ón|ones) (nuevas? )?del sistema|nuevas? instrucci(ón|ones)|instructions? (du |de )?système|nouvelles? (instructions?|consignes?)|prompt système/i,
  /\b(ab (jetzt|sofort)|von nun an) (bist du|sind sie)|\bdu bist (jetzt|nun) (ein|der|die)|(a partir de ahora|desde ahora|de ahora en adelante),? (eres|serás|act[uú]a)|(à partir de maintenant|désormais|dorénavant),? (tu es|vous êtes|agis|agissez)|\b(sin|ohne|sans) (restricciones|einschränkungen|restrictions?)\b/i,
  /\bohne\s+(jede\s+|die\s+|eine\s+|weitere\s+)?(freigabe|prüfung|genehmigung|bestätigung|review|kontrolle)|\bsin\s+(ninguna\s+|la\s+|una\s+)?(aprobaci[oó]n|revisi[oó]n|control(es)?|confirmaci[oó]n|comprobaci[oó]n)|\bsans\s+(aucune\s+|la\s+|une\s+)?(approbation|validation|vérification|contrôle|revue|confirmation)/i,
  /\bno (pidas|esperes|solicites|necesitas) (la |ninguna )?(aprobaci|confirmaci|revisi)|\b(ne|n') ?(demande|attends) (pas|aucune) (d'|l')?(approbation|validation|confirmation)/i,
  /(deaktivier|abschalt|schalte[^.\n]{0,20}ab|desactiva|deshabilita|désactive)\w*[^.\n]{0,30}(freigabe|prüfung|guard|richtlinie|polic|aprobaci|control|pol[ií]tica|approbation|validation|contrôle|garde-fou)/i,
  /(freigaben|prüfungen|genehmigungen|richtlinien)\s+(sind|wurden)\s+(jetzt\s+)?(deaktiviert|abgeschaltet|aufgehoben|ausgesetzt)|(aprobaciones|controles|pol[ií]ticas) (están|fueron) (desactivad|suspendid|deshabilitad)|(approbations?|validations?|contrôles) (sont|ont été) (désactivé|suspendu|levé)/i,
  /(指示|ルール|ポリシー|制約|ガード|承認|チェック|確認|命令|設定)(を|は|も)?(すべて|全て|全部|ぜんぶ|一旦|いったん)?(無視|無効|解除|スキップ|省略|不要|忘れ)|(システム|管理者|アドミン)(から|より)?の?(命令|指示|プロンプト)|(今から|これから|以降)(あなた|君|お前)は|承認(なし|なしで|を待たず|せず)|確認(なし|せず)で/,
  /\b(gib|gebt|erteil|verleih|dale|dame|da|den|otorga|concede|donne|donnez|accorde|accordez)\w*\b[^.\n]{0,40}(rechte|berechtigung|permisos?|derechos|droits|habilitation)|(権限|ロール)[^。\n]{0,10}(を)?(付与|与え|ください|くれ|ちょうだい)/i,
  /(すべて|全て|全部)の?[^。\n]{0,20}(停止|止め|削除|消)|(alle|todos|todas|tous|toutes)\s+(les\s+|los\s+|las\s+)?(endpoints?|jobs?|trabajos|tâches)[^.\n]{0,30}(stopp|beend|lösch|det[eé]n|borr|elimin|arrêt|supprim)/i,
  // The verb first ("arrête tous les endpoints", "stoppe alle Jobs", "detén todos los trabajos").
  /(stopp|beend|brich|lösch|det[eé]n|deten|para[rd]?|cancel|borr|elimin|arr[eê]t|annul|supprim)\w*\s+(\S+\s+){0,2}(alle|sämtliche|todos|todas|tous|toutes)\s+(die\s+|les\s+|los\s+|las\s+|mes\s+|nos\s+)?(\S+\s+)?(endpoints?|jobs?|trabajos|tâches|trainings?|entrenamientos|entraînements|pipelines?|ausführungen|ejecuciones|exécutions|modelle|modelos|modèles)/i,
  // A role or a mode claimed in the other languages ("tu es maintenant en mode debug", "[ADMIN OVERRIDE]").
  /\b(admin|system|root|developer)\s+override\b|\b(debug|god|admin)\s+mode\b|\bmode (debug|admin|développeur)\b|\bmodo (debug|admin|desarrollador|dios)\b|\b(debug|admin)-?modus\b|\btu es maintenant\b|\bvous êtes maintenant\b|\bahora eres\b|\bjetzt bist du\b|\bdu bist jetzt\b/i,
];

export function looksUnsafe(text: string): boolean {
  return UNSAFE_PATTERNS.some((pattern) => pattern.test(text));
}
