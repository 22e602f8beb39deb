/**
 * Text that tries to instruct the bot, smuggle a shell or SQL command, or ask for secrets. Such text
 * is never turned into an action, whatever else it says: the interpreter answers `unknown`.
 */
const UNSAFE_PATTERNS: readonly RegExp[] = [
  // Attempts to replace the bot's instructions or role.
  /\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,60}\b(instructions?|rules|guidelines|prompts?|above|previous|prior|everything|polic(y|ies)|guard(rails)?|approvals?|restrictions|checks)\b/i,
  /\b(system prompt|hidden instructions|your instructions|developer mode|jailbreak|do anything now)\b/i,
  /\bDAN\b/,
  /^\s*(system|assistant|developer|admin)\s*:/i,
  /\b(you are now|from now on|pretend (you are|to be)|act as (an? )?(admin|root|approver|system))\b/i,
  /\b(new instruction|new instructions)\b/i,
  // Asking for secrets.
  /\b(print|show|reveal|give|send|export|dump|leak|display|tell|post|share|echo)\b[^.\n]{0,40}\b(tokens?|passwords?|secrets?|credentials?|api keys?|access keys?|\.env|env file|environment variables)\b/i,
  /169\.254\.169\.254|\/latest\/meta-data/i,
  // Changing the guard from chat.
  /^\W*(please\s+|now\s+)?(approve|unfreeze|freeze|grant|escalate|elevate)\b/i,
  /\b(approve|grant)\b[^.\n]{0,30}\b(every|everything|all|pending)\b/i,
  /\b(disable|bypass|turn off|switch off|remove)\b[^.\n]{0,30}\b(policy|approval|approvals|guard|guardrails|checks)\b/i,
  // Destruction we never offer.
  /\b(delete|remove|destroy|wipe|drop|purge|erase|truncate|terminate|nuke)\b[^.\n]{0,20}\b(every|all)\b[^.\n]{0,30}\b(endpoints?|models?|jobs?|tables?|buckets?|instances?|resources?|pipelines?|artifacts?|data)\b/i,
  /\b(delete|destroy|wipe|drop|purge|erase|truncate|nuke)\b[^.\n]{0,20}\b(everything|the account|tables?|database|buckets?)\b/i,
  // SQL.
  /\b(drop|delete|truncate|alter)\s+(table|from|database)\b/i,
  /\bunion\s+(all\s+)?select\b/i,
  /\bselect\b[^.\n]{0,60}\bfrom\b[^.\n]{0,40}\b(users|passwords?|where)\b/i,
  /'\s*;|;\s*--|'\s*(or|and)\s+'?\d/i,
  // Shell.
  /\$\(|\$\{/,
  /`[^`]*\b(rm|reboot|shutdown|curl|wget|bash|sh|zsh|sudo|chmod|chown|mkfs|dd|nc|eval|exec|kill|cat|python)\b[^`]*`/i,
  /(&&|\|\||;)\s*(rm|curl|wget|bash|sh|sudo|reboot|shutdown|cat|nc|python|chmod|kill)\b/i,
  /\|\s*(sh|bash|zsh|python)\b/i,
  /\brm\s+-[a-z]*r[a-z]*\b|\bsudo\b|\bmkfs\b|:\(\)\s*\{/i,
  /\b(curl|wget)\s+(-\S+\s+)*https?:/i,
  // Markup that only makes sense as an attack on a renderer.
  /<\s*\/?\s*script\b|javascript:|\bon(error|load)\s*=/i,
];

export function looksUnsafe(text: string): boolean {
  return UNSAFE_PATTERNS.some((pattern) => pattern.test(text));
}
