/**
 * Text that tries to instruct the bot, smuggle a shell or SQL command, or ask for secrets. Such text
 * is never turned into an action, whatever else it says: the interpreter answers `unknown`.
 */
const UNSAFE_PATTERNS: readonly RegExp[] = [
  // Attempts to replace the bot's instructions or role.
  /\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,60}\b(instructions?|rules|guidelines|prompts?|above|previous|prior|everything|polic(y|ies)|guard(rails)?|approvals?|restrictions|checks|dry[ -]?run)\b/i,
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
  // Markup that only makes sense as an attack on a renderer.
  /<\s*\/?\s*script\b|javascript:|\bon(error|load)\s*=/i,
];

export function looksUnsafe(text: string): boolean {
  return UNSAFE_PATTERNS.some((pattern) => pattern.test(text));
}
