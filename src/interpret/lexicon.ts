import type { IntentId, ServiceId, StageId } from "../catalog/ids.js";

/**
 * A cue: a phrase matched on the utterance's shape string (lower-case, spelling-corrected words, with
 * `_name_`, `_endpoint_`, `_job_`, `_ref_`, `_s3_`, `_inst_`, `_kv_`, `_num_`, `_dur_`, `_size_`,
 * `_chan_` standing for resource-like tokens) and the weight it adds. `*` stands for one to four words,
 * `**` for none to eight.
 * Each phrase counts once per utterance.
 */
export type Cue = readonly [phrase: string, weight: number];

/** Evidence for each intent. Verbs that start the request get an extra bonus (LEADING_VERBS). */
export const INTENT_CUES: Readonly<Record<Exclude<IntentId, "unknown">, readonly Cue[]>> = {
  train: [
    ["train", 2], ["retrain", 2], ["trained", 0.5], ["training run", 1.5], ["training job", 1.2], ["new training", 1],
    ["fit _name_", 1.5], ["fit _ref_", 1.5], ["need * trained", 2.5], ["training run of _name_", 2.5], ["training run for _name_", 2.5],
    ["_name_ training run", 2], ["want * trained", 2.5], ["need * retrained", 2.5], ["needs retraining", 2.5], ["need retraining", 2.5],
    ["want * retrained", 2.5], ["be retrained", 2.5], ["get * retrained", 2.5], ["get * trained", 2], ["_name_ training", 1],
    ["training for _name_", 1], ["recipe _name_", 1],
  ],
  tune: [
    ["tune", 2.5], ["retune", 2.5], ["tuning", 1.5], ["tuning _name_", 2.5], ["hyperparameter tuning", 2], ["hpo", 2.5], ["tuning job", 1.5], ["tuning run", 1.5],
    ["sweep", 2], ["hyperparameter sweep", 1], ["hyperparam search", 2.5], ["hyperparam tuning", 2.5], ["hyperparameter optimisation", 2.5], ["hyperparameter optimization", 2.5], ["bayesian search", 2.5], ["bayesian optimization", 2.5], ["bayesian optimisation", 2.5], ["optimize * hyperparameters", 2.5], ["optimise * hyperparameters", 2.5],
    ["search hyperparameters", 2.5], ["hyperparameter search", 2], ["_num_ trials", 1.5], ["trials", 1], ["in parallel", 0.8],
    ["_num_ parallel", 0.8], ["at a time", 0.8], ["budget", 0.5], ["better hyperparameters", 3], ["better parameters", 2.5],
    ["best hyperparameters for _name_", 3], ["best parameters for _name_", 3],
  ],
  deploy: [
    ["deploy", 2.5], ["ship", 2], ["promote", 2], ["release", 1.5], ["roll out", 2], ["rollout", 2], ["rollback", 3], ["roll back", 3],
    ["roll _endpoint_ back", 3], ["roll _name_ back", 3], ["revert", 2.5], ["undo * deployment", 3], ["go back to * previous", 2.5],
    ["go back to", 2.5], ["switch back", 2.5], ["revert to", 2.5], ["restore", 2.5], ["take * back", 3], ["back to * previous", 2.5],
    ["previous version", 1], ["previous model", 1], ["serve predictions from", 2], ["host _ref_", 2], ["host _name_", 1.5],
    ["behind an endpoint", 1.5], ["batch score", 2.5], ["score nightly", 2.5], ["run a batch transform", 2.5], ["push * live", 2.5],
    ["put * on _endpoint_", 1.5], ["update _endpoint_ to", 3], ["to _endpoint_", 1], ["_ref_", 1.5], ["latest approved", 1],
    ["score * with _ref_", 2], ["score * with _name_", 2], ["batch predict", 2.5], ["batch predictions", 2], ["batch inference", 1.5],
    ["onto _endpoint_", 2], ["canary", 2], ["batch _ref_", 3], ["batch _name_", 2], ["input _s3_", 2], ["output _s3_", 1.5],
    ["live on _endpoint_", 2.5], ["make * live", 2.5], ["go live", 2], ["spin up", 1.5], ["stand up", 1.5], ["create an endpoint", 2.5],
    ["create * endpoint", 2],
    ["new endpoint", 1.5], ["_ref_ on _endpoint_", 2], ["switch _endpoint_ to", 3], ["set _endpoint_ to", 3], ["swap _endpoint_", 2.5],
    ["switch _endpoint_", 2.5], ["move _endpoint_ to", 3], ["move * to _endpoint_", 2.5], ["swap _endpoint_ to", 3],
    ["point _endpoint_ at", 3], ["get * on _endpoint_", 2.5], ["get * onto _endpoint_", 2.5], ["get * to _endpoint_", 2.5],
    ["batch transform _s3_", 2.5], ["batch transform _ref_", 2.5], ["transform _s3_", 2], ["_s3_ with _ref_", 2], ["_s3_ with _name_", 1.5],
    ["need * deployed", 2.5], ["want * deployed", 2.5], ["into _endpoint_", 1.5], ["be deployed", 2.5], ["get * deployed", 2.5],
    ["deployed to _endpoint_", 2],
    ["be promoted", 2], ["be rolled back", 3], ["rolled back", 2.5], ["roll it back", 3.5], ["roll that back", 3.5], ["rollback now", 3.5],
  ],
  status: [
    ["status", 3], ["progress", 2], ["in progress", 3], ["in flight", 3], ["how many ** jobs", 3], ["count of", 2.5], ["recent ** executions", 3],
    ["latest ** executions", 3], ["last ** executions", 3], ["executions of", 2.5], ["_name_ executions", 3], ["done yet", 2.5], ["is ** done", 2.5], ["finish", 1.5], ["finished", 1.5], ["still running", 2],
    ["how is ** going", 3], ["hows ** going", 3], ["how is ** doing", 3], ["hows ** doing", 3], ["how are ** doing", 3],
    ["how are ** going", 3], ["has * finished", 2.5], ["has * completed", 2.5], ["has * failed", 2.5], ["has * succeeded", 2.5],
    ["has * stopped", 2.5], ["has * started", 2], ["is * ok", 2], ["is * okay", 2], ["is * alright", 2], ["is * up", 2], ["is * down", 2],
    ["is * alive", 2], ["is * working", 2], ["is * broken", 2], ["still up", 2], ["still going", 2], ["any update", 2], ["update on", 2.5], ["status update", 3], ["where do things stand", 3], ["where does ** stand", 3], ["where are we with", 2.5],
    ["_endpoint_ serving", 2.5], ["is _endpoint_ serving", 3], ["is _endpoint_ running", 3], ["what version is", 2], ["which version is", 2],
    ["_job_ finished", 2], ["any news", 2.5], ["jobs failed", 3], ["runs failed", 3], ["get past", 2.5], ["got past", 2.5],
    ["are left", 2.5], ["remaining", 2], ["how many ** left", 3], ["how far", 2.5], ["pass or fail", 3], ["succeed or fail", 3],
    ["last run", 2], ["anything failed", 3], ["anything fail", 3], ["anything broken", 3], ["anything broke", 3], ["anything stuck", 3], ["anything down", 3], ["has anything", 1.5], ["list * endpoints", 3], ["list endpoints", 3],
    ["list * pipelines", 3], ["show * endpoints", 2], ["step failed", 3],
    ["what failed", 2.5], ["why did ** fail", 3], ["so far", 3], ["jobs are running", 3], ["running right now", 2], ["has * done", 2],
    ["instance count", 1.5], ["how many instances", 2], ["done", 1.5], ["_name_ done", 2], ["job * done", 2], ["_job_ * done", 2],
    ["what step is * on", 3], ["which step is * on", 3], ["jobs running", 3], ["any jobs", 2],
    ["deployed on _endpoint_", 3], ["whats deployed", 2.5], ["what is deployed", 2.5], ["whats live on", 3], ["whats running on", 3],
    ["state of", 2.5], ["any luck", 2], ["stuck", 1], ["been updated", 2], ["was * updated", 2], ["looking ok", 2],
    ["looks ok", 2], ["slow", 1], ["errors", 1], ["where is ** at", 3], ["wheres ** at", 3], ["news on", 2.5], ["is _endpoint_ on", 2.5],
    ["right now", 1], ["currently", 1],
    ["at the moment", 1], ["_job_ done", 2], ["_job_ status", 2], ["whats happening with", 3], ["what happened to", 2.5], ["eta on", 2],
    ["in service", 2], ["healthy", 2],
    ["far along", 3], ["check on", 3], ["whats going on", 3], ["going on with", 3], ["where are we with", 3], ["still serving", 2.5],
    ["currently serving", 2.5], ["version is on", 3], ["what is on _endpoint_", 3], ["whats on _endpoint_", 3], ["is ** finished", 2.5],
    ["is ** complete", 2.5], ["how is ** looking", 3], ["how does ** look", 3], ["hows ** looking", 3], ["still training", 2.5],
    ["still tuning", 2.5], ["anything running", 3], ["anything still", 2], ["did ** finish", 2.5], ["did ** complete", 2.5],
    ["did ** fail", 2.5], ["did ** succeed", 2.5], ["did ** work", 2],
    ["whats up with", 3], ["what is up with", 3], ["whats wrong with", 2.5], ["how long until", 2.5], ["how much longer", 2.5],
    ["time left", 2], ["is done", 2], ["is finished", 2],
    ["completed", 1.5], ["failed", 1.5], ["updates on", 2.5], ["any updates", 2], ["where is * at", 3], ["list * jobs", 3],
    ["list jobs", 3], ["show me * jobs", 2.5], ["running jobs", 2.5], ["whats running", 3], ["what is running", 3],
    ["how many ** are done", 3.5], ["how many ** are running", 3.5], ["how many ** are in progress", 3.5], ["how many ** have finished", 3.5],
    ["how many ** have completed", 3.5], ["which endpoints are running", 3.5], ["which jobs are running", 3.5], ["what endpoints are running", 3.5],
  ],
  stop: [["stop", 3], ["pull the plug", 3], ["end * _job_", 3], ["end _job_", 3], ["end * early", 2.5], ["turn off", 2.5], ["switch off", 2.5], ["cancel", 3], ["abort", 3], ["kill", 3], ["halt", 3], ["terminate", 2.5], ["stuck", 1],
    ["be stopped", 3], ["be cancelled", 3], ["be canceled", 3], ["be killed", 3], ["be aborted", 3], ["need * stopped", 3], ["want * stopped", 3],
    ["need * cancelled", 3], ["need * killed", 3], ["shut down", 3], ["shut * down", 3]],
  drift: [
    ["drift", 3], ["drifting", 3], ["drifted", 3], ["violations", 2.5], ["shifted", 2], ["input distribution", 1.5],
    ["monitoring results", 3], ["monitoring report", 3], ["drift report", 1], ["quality degradation", 1.5], ["degradation", 1.5],
    ["degraded", 1.5], ["data quality", 2], ["model quality", 2], ["slipping", 2], ["getting worse", 2], ["skew", 2.5],
    ["like the training data", 3], ["data wise", 2], ["behaving like", 2], ["since launch", 2], ["at launch", 1.5], ["look different", 2.5],
    ["looks different", 2.5], ["different from training", 3], ["match * training data", 3],
    ["matches * training data", 3], ["different from * training", 3], ["data going into", 1.5], ["input data", 1], ["monitoring ** flag", 3],
    ["monitor ** flag", 3], ["monitoring ** find", 3], ["monitor report", 3], ["monitor say", 3], ["monitor says", 3],
    ["monitoring ** found", 3], ["monitor ** show", 3], ["monitor ** found", 3], ["monitor ** find", 3],
    ["quality issues", 2.5], ["distribution changed", 3], ["distribution * changed", 3], ["distribution shift", 3], ["changed", 0.5],
    ["monitoring ** alert", 3], ["monitoring ** catch", 3],
  ],
  pipeline: [
    ["pipeline start", 3], ["start pipeline", 3], ["run pipeline", 3], ["execute pipeline", 3], ["run the _name_ pipeline", 3],
    ["_name_ pipeline", 2], ["pipeline _name_", 2], ["pipeline execution", 1.5], ["new execution", 2], ["_name_ workflow", 1.5],
    ["retraining pipeline", 2], ["trigger", 1],
    ["need * run", 1.5], ["be run again", 2], ["be rerun", 2], ["be re run", 2], ["be triggered", 2], ["run again", 1],
  ],
  help: [
    ["help", 3], ["halp", 3], ["hilfe", 3], ["ayuda", 3], ["aide", 3], ["usage", 3], ["commands", 3], ["syntax for", 3], ["besides", 1.5], ["things you understand", 4], ["what can you do", 4], ["what can sageops do", 4], ["what can sageops ** do", 4], ["what can you ** do", 4],
    ["what kind of ** can you do", 4], ["what kind of ** can sageops do", 4], ["sageops handle", 3], ["can sageops", 2], ["what can the bot do", 4],
    ["what can this bot do", 4], ["what do you do", 3], ["what do you support", 4], ["what are you for", 4], ["what is sageops", 4],
    ["able to help", 3], ["able to do", 3], ["use this bot", 4],
    ["use you", 3], ["use sageops", 3], ["help me use", 3],
    ["what can this thing do", 4], ["ask you", 3], ["what can i ask", 4], ["things can i ask", 4], ["ask sageops", 3],
    ["how does this work", 4], ["how does this thing work", 4], ["what can it do", 3], ["what does this bot do", 4],
    ["what does this thing do", 4], ["talk to you", 4],
    ["who are you", 4], ["what are you", 3], ["how do you work", 4], ["how does this bot work", 4], ["how does sageops work", 4],
    ["your capabilities", 4], ["talk to sageops", 4], ["what this bot can do", 4], ["what you can do", 4], ["what sageops can do", 4], ["what this bot does", 4],
    ["what the bot can do", 4], ["how do i ask you", 4], ["talk to this bot", 4], ["talk to the bot", 4], ["need from me", 4], ["jobs with you", 4], ["do with you", 3.5], ["work with you", 3.5],
  ],
  ask: [
    // "need a catalog of trained models": models already trained, described, not a training asked for.
    ["trained models", 3], ["trained model", 2],
    ["what is", 2], ["whats", 2], ["what are", 2], ["what does", 2.5], ["explain", 3], ["describe", 3], ["tell me about", 3],
    ["rundown", 3], ["in a nutshell", 3], ["summary of", 2.5], ["quick summary", 3], ["difference between", 3], ["vs", 2.5],
    ["versus", 2.5], ["compare", 2], ["which service", 3], ["which stage", 3], ["what stage", 3], ["which phase", 3],
    ["belong", 2], ["belongs", 2], ["part of", 1.5], ["lifecycle", 2], ["how do i", 2], ["how can i", 2], ["how does", 2.5],
    ["how do", 1.5], ["should i", 2.5], ["best way", 2.5], ["which tools", 3], ["what tools", 3], ["what services", 3],
    ["which services", 3], ["what do i use", 3], ["what should i use", 3], ["what do you use", 3], ["is there", 1.5], ["can i", 2],
    ["do i need", 2.5], ["when to use", 3], ["where does", 2], ["where should", 2], ["where do", 2], ["where can i", 2],
    ["what helps", 2.5], ["what replaces", 3], ["instead of", 1.5], ["good fit", 2], ["better", 1], ["point of", 2],
    ["walk me through", 3], ["overview", 2.5], ["lay out", 2.5], ["architect", 2.5], ["design", 1.5], ["what catches", 2.5],
    ["what tells me", 2.5], ["what orchestrates", 3], ["what can", 1.5], ["best option", 2.5], ["quickest way", 2],
    ["need predictions", 1.5], ["which is", 1.5], ["what part", 2], ["which step", 2], ["recommend", 2], ["suggest", 2], ["a service for", 2],
    ["what service", 3], ["which tool", 3], ["what tool", 3], ["right tool", 2],
    // "what watches/detects/tracks ...?" asks which service does it, even when it says "my model".
    ["what watch", 3], ["what detect", 3], ["what monitor", 3], ["what track", 3], ["what handle", 3], ["what check", 3], ["what flag", 3],
    ["what measure", 3], ["what store", 3], ["what serve", 3], ["what explain", 3], ["what label", 3], ["what automate", 3],
    ["what do people use", 3], ["what should we use", 3], ["which option", 2], ["a service to", 2], ["need a service", 2], ["need a tool", 2],
    ["looking for a service", 2.5], ["looking for a tool", 2.5],
    ["what would you use", 3], ["what would you recommend", 3],
    ["any tips", 2], ["how should i", 2], ["how should we", 2], ["how do we", 2], ["how can we", 2], ["should we", 2.5], ["is it worth", 2],
    ["worth it", 1.5], ["how much", 2], ["cost", 1], ["how many", 1.5], ["is there a way", 2.5], ["is there a limit", 2.5], ["max", 0.5],
    ["difference", 2], ["thoughts", 1.5], ["anyone used", 2.5], ["has anyone", 2], ["pros and cons", 3], ["whats it called", 2],
  ],
};

/**
 * First words (after "please", "can you", ...) that make a request an instruction to do something.
 * Generic starters ("run", "start", "kick off") are resolved by the noun that follows (START_VERBS).
 */
export const LEADING_VERBS: Readonly<Record<string, Exclude<IntentId, "unknown">>> = {
  train: "train", retrain: "train", fit: "train",
  tune: "tune", retune: "tune", hpo: "tune",
  deploy: "deploy", redeploy: "deploy", ship: "deploy", promote: "deploy", release: "deploy", rollback: "deploy", revert: "deploy",
  host: "deploy", serve: "deploy", restore: "deploy", canary: "deploy", push: "deploy", put: "deploy", update: "deploy", undo: "deploy", score: "deploy",
  stop: "stop", cancel: "stop", abort: "stop", kill: "stop", halt: "stop", terminate: "stop", shut: "stop",
  status: "status", list: "status",
  drift: "drift",
  pipeline: "pipeline",
  help: "help",
  explain: "ask", describe: "ask", tell: "ask", compare: "ask", walk: "ask", give: "ask", summarize: "ask", summarise: "ask",
  define: "ask", design: "ask", choose: "ask", pick: "ask", architect: "ask", map: "ask", lay: "ask", recommend: "ask", suggest: "ask",
};

/** Multi-word openers that are leading verbs too ("roll back churn-prod"). */
export const LEADING_PHRASES: readonly (readonly [phrase: string, intent: Exclude<IntentId, "unknown">])[] = [
  ["roll back", "deploy"], ["shut down", "stop"], ["roll out", "deploy"], ["go back", "deploy"], ["batch score", "deploy"], ["check on", "status"],
  ["check drift", "drift"], ["drift check", "drift"], ["tell me", "ask"], ["show me the lifecycle", "ask"], ["batch predict", "deploy"],
];

/** Verbs that start something; what they start depends on the noun nearby. */
export const START_VERBS: readonly string[] = [
  "start", "run", "launch", "kick off", "trigger", "execute", "re run", "rerun", "fire off", "fire", "get * going", "schedule", "begin", "do", "spin up", "create", "set off", "make",
  "get", "retrain",
];

/** Nouns that say what a start verb starts. */
export const START_OBJECTS: Readonly<Partial<Record<Exclude<IntentId, "unknown">, readonly string[]>>> = {
  train: ["training", "training run", "training job", "_name_ trained"],
  tune: ["tuning", "tuning job", "hpo", "hyperparameter tuning", "hyperparameter sweep", "sweep", "_name_ tune"],
  pipeline: ["pipeline", "workflow", "execution", "pipeline execution"],
  deploy: ["batch transform", "batch inference", "batch scoring", "batch prediction", "batch predictions", "batch job"],
};

/** Requests put as a chance, a favour or a wish ("any chance you could", "mind", "would be good to"): polite, and removed before the verb. */
const REQUESTS_PUT_AS_CHANCES: readonly string[] = [
  "any chance you could", "any chance you can", "any chance u could", "any chance u can", "any way you can", "any way you could", "is there any way you could",
  "do you mind", "mind", "would be great if you could", "would be great if someone could", "would be nice if you could", "would be good to", "it would be good to",
];

/** Words removed from the start of a request before looking for the leading verb. */
export const REQUEST_PREFIXES: readonly string[] = [
  "please", "pls", "plz", "kindly", "hey", "ok", "okay", "so", "now", "just", "sageops", "bot", "yo", "and then", "and", "then", "also", "alright", "cool",
  "can you", "could you", "would you", "will you", "can u", "go ahead and", "i want to", "i wanna", "id like to", "i would like to",
  "i need to", "i need you to", "we need to", "lets", "let us", "time to", "ask", "can we", "could we", "could i get", "can i get",
  "can someone", "could someone", "can somebody", "could somebody", "can anyone", "could anyone", "would someone", "would you be able to",
  "are you able to", "would you mind", "would it be possible to", "we should", "help me", "help us", "wed like to", "we would like to", "we want to", "looking to",
  "when you get a sec", "when you get a second", "when you get a chance", "when you get a minute", "when you have a moment", "when you have a sec",
  "when you have a minute", "when you have time", "whenever you can", "if you get a chance", "if you have a moment", "if possible", "maybe",
  ...REQUESTS_PUT_AS_CHANCES,
];

/** Prefixes that keep a question-shaped sentence an instruction ("can you deploy ...?"). */
export const POLITE_REQUEST_PREFIXES: readonly string[] = [
  "can you", "could you", "would you", "will you", "can u", "please", "pls", "kindly", "can we", "could we", "could i get", "can i get",
  "can someone", "could someone", "can somebody", "could somebody", "can anyone", "could anyone", "would someone", "would you be able to",
  "are you able to", "would you mind", "would it be possible to", "when you get a sec", "when you get a second", "when you get a chance", "when you get a minute",
  "when you have a moment", "when you have a sec", "when you have a minute", "when you have time", "whenever you can", "if you get a chance",
  "if you have a moment", ...REQUESTS_PUT_AS_CHANCES,
];

/** Negations that open a request ("don't deploy ... yet", "do not stop ..."): the request is then never acted on. */
export const NEGATIONS: readonly string[] = ["dont", "do not", "never", "not", "no need to", "shouldnt", "should not", "wont", "will not"];

/**
 * Politeness found later in a message ("... could you do that?", "... pls?") that still makes it a
 * request, unless the message opens as a question of its own ("how do I ..., pls?").
 */
export const POLITE_ANYWHERE: readonly string[] = ["please", "kindly", "can you", "could you", "would you", "would you be able to"];

/** Openers of a real question: politeness later in the message does not turn these into requests. */
export const WH_OPENERS: ReadonlySet<string> = new Set([
  "what", "whats", "which", "how", "hows", "why", "when", "where", "wheres", "who", "should", "does", "do", "did", "is", "are", "has",
  "have", "any", "can", "could", "would", "will",
]);

/** Other tools' pipelines, builds and jobs: a request to run or stop one of theirs is not ours to act on. */
export const FOREIGN_TOOL_CUES: readonly Cue[] = [
  ["airflow", 1], ["jenkins", 1], ["github", 1], ["gitlab", 1], ["circleci", 1], ["argo", 1], ["bitbucket", 1], ["dbt", 1], ["cron", 1],
  ["kubernetes", 1], ["k8s", 1], ["kubectl", 1], ["helm", 1], ["eks", 1], ["docker", 1], ["terraform", 1], ["glue", 1], ["emr", 1], ["app store", 1], ["play store", 1], ["website", 1],
  ["frontend", 1], ["backend", 1], ["hotfix", 1], ["mobile app", 1], ["web app", 1], ["api gateway", 1], ["lambda", 1],
];

/** Verbs of operations the bot never offers ("delete churn-prod"): such a request is not read as anything else. */
export const UNSUPPORTED_VERBS: ReadonlySet<string> = new Set([
  "delete", "drop", "destroy", "remove", "wipe", "erase", "purge", "nuke", "rename", "decommission", "teardown",
]);

/**
 * Other platforms' products: a question about them is out of scope unless it also speaks of
 * SageMaker or AWS (then it is a comparison we can answer).
 */
export const FOREIGN_PLATFORM_CUES: readonly Cue[] = [
  ["vertex", 1], ["vertex ai", 1], ["gcp", 1], ["google cloud", 1], ["azure", 1], ["azure ml", 1], ["databricks", 1], ["vercel", 1],
  ["netlify", 1], ["heroku", 1], ["bigquery", 1], ["openai", 1], ["colab", 1], ["terraform", 1], ["lambda function", 1],
  ["lambda functions", 1], ["react", 1], ["javascript", 1], ["css", 1], ["html", 1], ["excel", 1], ["git", 1],
  ["vim", 1], ["emacs", 1], ["postgres", 1], ["mysql", 1], ["wordpress", 1], ["jira", 1], ["confluence", 1],
];

/** Words that open a question. */
export const QUESTION_OPENERS: ReadonlySet<string> = new Set([
  "what", "whats", "which", "how", "hows", "when", "why", "where", "wheres", "who", "is", "are", "does", "do", "did", "can", "could",
  "should", "would", "will", "has", "have", "any", "in", "for", "whats",
]);

/** Greeting words; a message made only of these (and the bot's name) asks for help. */
export const GREETINGS: ReadonlySet<string> = new Set(["hi", "hello", "hey", "yo", "hiya", "howdy", "morning", "good", "afternoon", "evening", "there", "sageops", "bot", "team", "all"]);

/**
 * Phrases that pick a service, on top of the catalogue's names and aliases (weight NAME_WEIGHT).
 * Weights say how specific the phrase is to the service.
 */
export const SERVICE_CUES: Readonly<Record<ServiceId, readonly Cue[]>> = {
  "data-wrangler": [
    ["eda", 2], ["exploratory", 2], ["explore", 1.5], ["clean", 1.5], ["cleaning", 1.5], ["messy", 1], ["visual", 1.5], ["visually", 1.5],
    ["minimal code", 1.5], ["low code", 1.5], ["feature engineering", 2], ["pre processing", 1.5], ["preprocessing", 1.2],
    ["prepare data", 1.5], ["data prep", 1.5], ["data preparation", 1.5], ["prep", 1], ["missing values", 1.5], ["impute", 1.5],
    ["outliers", 1], ["one hot", 1.5], ["csv", 0.5], ["profile data", 1],
    ["visualise", 1.5], ["visualize", 1.5], ["visualisation", 1.5], ["visualization", 1.5], ["point and click", 2.5], ["no code", 1],
    ["transform * data", 1.5], ["transform * dataset", 1.5], ["pandas", 1], ["encode", 1],
    ["wrangle", 2], ["wrangling", 2], ["clean and transform", 2.5], ["flow", 1], ["dirty data", 2], ["messy data", 2],
    ["drag and drop", 2.5], ["gui", 1], ["join", 1], ["dedupe", 1.5], ["deduplicate", 1.5], ["normalise", 1], ["normalize", 1],
    ["categorical", 1], ["data flow", 1.5], ["histogram", 1.5], ["without code", 1],
    ["data profiling", 3], ["column types", 2], ["data types", 1.5], ["no python", 2], ["data analyst", 1.5], ["prep a dataset", 2],
    ["prepare a dataset", 2],
    ["reshape", 2], ["reshaping", 2], ["tidy", 2], ["tidying", 2], ["with a ui", 2], ["before training", 1],
  ],
  "sagemaker-training": [
    ["train", 1], ["training", 1], ["own code", 2], ["own container", 2], ["bring your own", 1.5], ["byoc", 2], ["built in algorithm", 2],
    ["built in algorithms", 2], ["xgboost", 0.8], ["custom container", 2], ["distributed training", 2], ["spot training", 2],
    ["from scratch", 2], ["training script", 2], ["train a model", 1.5], ["custom classifier", 1], ["custom model", 1], ["spot instances", 2],
    ["instance * train", 2.5], ["instance * training", 2.5], ["for training", 1], ["instance for training", 2.5], ["train * on", 1],
    ["pytorch", 1], ["tensorflow", 1], ["max runtime", 2],
    ["multiple gpus", 2], ["training container", 2],
    ["checkpoint", 1.5], ["without managing servers", 2.5], ["managing servers", 2], ["train on gpus", 2.5], ["checkpointing", 1.5],
    ["training logs", 2], ["script mode", 2], ["entry point", 1.5], ["multi node", 2], ["multi gpu", 2], ["bigger machines", 1.5],
    ["laptops", 1], ["run training", 1.5], ["ecr", 1],
    ["model training", 2], ["retrain", 1.5], ["own script", 2], ["without babysitting", 2], ["ec2", 1.5],
  ],
  "automatic-model-tuning": [
    ["hand tweaking", 2.5], ["tweaking", 1.5], ["hand tuning", 2.5], ["instead of guessing", 2], ["me guessing", 2],
    ["tuning", 2], ["tune", 2], ["hyperparameters", 2], ["hyperparameter", 2], ["bayesian", 2], ["grid search", 2], ["random search", 2],
    ["hyperband", 2], ["search strategies", 1.5], ["sweep", 2],
    ["learning rate", 1.5], ["max depth", 1.5], ["optimise", 1.5], ["optimize", 1.5], ["trials", 1.5], ["trial", 1.5], ["early stopping", 2],
    ["search space", 2.5], ["hyperparameter ranges", 2.5], ["objective metric", 2], ["warm start", 2.5], ["best params", 2],
    ["best hyperparameters", 2.5], ["best trial", 2], ["batch size", 2.5], ["combos", 1.5], ["combinations of", 1.5], ["search over", 2],
  ],
  "feature-store": [
    ["features", 1.5], ["store features", 2], ["reuse", 1.5], ["share features", 2], ["several teams", 1], ["online store", 2], ["online lookup", 2], ["low latency lookup", 2.5], ["place for features", 2.5],
    ["offline store", 2], ["consistent", 1], ["train serve skew", 2.5], ["point in time", 2], ["feature repository", 2.5],
    ["same features", 2.5], ["training and inference", 2],
    ["features * inference", 1.5],
    ["feature group", 2.5], ["online features", 2.5], ["offline features", 2.5], ["feature reuse", 2.5], ["feature share", 2.5],
    ["compute * differently", 2.5], ["two teams", 2], ["models disagree", 1.5], ["between teams", 1.5], ["feature lookup", 2.5],
    ["low latency lookup", 2], ["lookups", 1], ["time travel", 2], ["keeping features", 2],
    ["same feature values", 2.5], ["feature values", 2], ["real time lookups", 2.5],
    ["customer attributes", 2], ["attributes", 1.5], ["at inference time", 1.5], ["history for training", 2.5], ["low latency access", 2],
    ["repository for * features", 2.5], ["ml features", 2.5],
  ],
  "model-registry": [
    ["register * model", 2.5], ["into * group", 2], ["model package group", 2.5],
    ["version", 1], ["versions", 1.5], ["versioning", 2], ["approve", 2], ["approval", 2], ["approvals", 2], ["catalog", 2], ["catalogue", 2],
    ["catalogued", 2], ["cataloged", 2], ["register", 2], ["approved", 1.5], ["sign off", 2], ["registered", 1.5], ["registration", 1.5],
    ["governance", 1.5], ["model versions", 1.5],
    ["lineage", 1], ["auditors", 2.5], ["signed it off", 2], ["signed off", 2], ["who approved", 2.5], ["was live", 1.5],
    ["model catalog", 1.5], ["model cards", 2], ["audit", 1], ["older model version", 2], ["approval status", 2.5],
    ["approved for prod", 2.5], ["promote * model", 1.5],
    ["only * approved", 2.5], ["were approved", 2], ["approved models", 2.5],
    ["hand over", 2], ["handover", 2], ["vetted", 2],
  ],
  "realtime-endpoint": [
    ["real time", 2], ["realtime", 2], ["low latency", 2.5], ["latency", 1], ["instant", 2], ["instantly", 2], ["milliseconds", 2], ["_num_ ms", 2],
    ["per request", 1.5], ["web app", 2], ["mobile app", 2], ["chatbot", 2], ["api", 1.5], ["online inference", 2.5],
    ["serve predictions", 1.5], ["auto scaling", 1.5], ["interactive", 1.5], ["prediction api", 1],
    ["_endpoint_", 1], ["invoke", 1.5], ["http", 2], ["over http", 2.5], ["rest api", 2], ["services to call", 2], ["a b testing", 2.5],
    ["high availability", 2.5], ["requests per second", 1], ["steady traffic", 2.5], ["constant traffic", 2.5], ["predictable traffic", 2],
    ["always on", 1],
    ["24 7", 2], ["serve a model", 1.5], ["ab testing", 2.5], ["a b test", 2.5], ["production variants", 2.5],
    ["production variant", 2.5], ["traffic split", 2], ["split traffic", 2], ["multiple models", 1.5], ["multi model", 2],
    ["invoke endpoint", 2], ["autoscale", 1.5], ["autoscaling", 1.5],
    ["blue green", 2.5], ["canary", 2], ["rolling deployment", 2], ["responses", 1], ["sub second", 2], ["synchronous", 2],
  ],
  "batch-transform": [
    ["batch", 2], ["nightly", 2.5], ["every night", 2.5], ["once a day", 2], ["daily", 1.5], ["once a week", 2], ["weekly", 1.5],
    ["once a month", 2], ["monthly", 1.5], ["whole dataset", 2], ["big dataset", 2], ["large dataset", 2], ["dataset", 0.5],
    ["million rows", 2], ["rows", 1], ["offline", 1.5], ["bulk", 2], ["score", 1], ["scoring", 1], ["report", 0.5], ["files in s3", 1],
    ["offline scoring", 2.5], ["one time per day", 2], ["per day", 1.5], ["big file", 2], ["once a night", 2.5], ["each night", 2.5],
    ["per night", 2], ["overnight", 2], ["whole table", 2], ["score a file", 2.5], ["millions of rows", 2], ["no endpoint", 2],
    ["every customer", 1.5], ["all customers", 1.5],
    ["s3 folder", 2], ["write predictions back", 2.5], ["predictions back", 1],
    ["parquet files", 2], ["parquet", 1.5], ["tonight", 1], ["no latency requirements", 2.5], ["no latency", 2],
    ["once per week", 2], ["per week", 1.5], ["once per", 1], ["into a csv", 1.5],
  ],
  "model-monitor": [
    ["shifted", 2], ["inputs * shifted", 2.5], ["looking different from training", 3], ["looks different from training", 3], ["null rates", 2.5],
    ["different from training", 2.5], ["incoming features", 2], ["incoming data", 1.5],
    ["drift", 3], ["drifting", 3], ["degrades", 2], ["degrade", 2], ["degradation", 2], ["model quality", 2], ["data quality", 1.5],
    ["monitor", 1.5], ["monitoring", 1.5], ["monitored", 1], ["watch", 1], ["in production", 1], ["in prod", 1], ["baseline", 1.5],
    ["violations", 2], ["keep an eye on", 1.5], ["prediction quality", 2], ["over time", 1],
    ["concept drift", 3], ["got worse", 2.5], ["getting worse", 2.5], ["behaviour changed", 2], ["behavior changed", 2],
    ["nobody noticed", 2], ["would have caught", 2], ["cloudwatch alarms", 1.5], ["alerted", 1.5], ["alerts", 1], ["skew", 1.5],
    ["monitoring schedule", 2],
    ["live inputs", 2.5], ["training baseline", 2.5], ["accuracy drops", 3], ["accuracy drop", 3], ["drops after deployment", 2], ["alerts me", 1.5],
    ["compare production data", 3], ["production data", 2], ["was trained on", 2], ["schedule checks", 2],
    ["live data", 2.5], ["stops looking like", 2.5], ["like training data", 2.5],
  ],
  pipelines: [
    ["condition step", 3], ["only registers", 2.5], ["step be skipped", 2.5], ["skip a step", 2], ["skip the step", 2],
    ["pipeline", 2], ["orchestrate", 3], ["orchestrates", 3], ["orchestration", 2], ["workflow", 2], ["workflows", 2], ["automate", 2],
    ["automated", 1.5], ["end to end", 1], ["dag", 2], ["ci cd", 2], ["mlops", 1], ["retraining", 1], ["step functions", 1.5],
    ["airflow", 2], ["kubeflow", 2],
    ["orchestrator", 2], ["retrain automatically", 2.5], ["automatically", 1.5], ["whenever new data", 2.5], ["new data lands", 2.5],
    ["redeploy automatically", 2.5], ["automatically retrain", 2.5], ["retrain", 1], ["chain", 2.5], ["chaining", 2.5], ["steps", 1.5],
    ["conditional steps", 2.5], ["notebooks in order", 2.5], ["manual steps", 2], ["every monday", 2], ["by hand", 1.5], ["caching", 1.5],
    ["reproducible", 1.5], ["retrain * every", 2], ["schedule retraining", 2.5],
    ["repeatable", 2], ["training process", 1],
  ],
  "ground-truth": [
    ["label", 2], ["labels", 2], ["labeling", 2], ["labelling", 2], ["annotate", 2.5], ["annotation", 2.5], ["annotators", 2.5],
    ["labelled", 2], ["labeled", 2],
    ["tagged", 1.5], ["by people", 1.5], ["humans", 1.5], ["human", 1], ["workforce", 2], ["mechanical turk", 2.5], ["bounding box", 2.5],
    ["human review", 2.5], ["human in the loop", 2.5], ["labellers", 2.5], ["labelers", 2.5], ["tagging", 1.5], ["crowd", 1.5],
    ["segmentation masks", 2], ["humans to review", 2.5], ["manual labels", 2],
  ],
  processing: [
    ["feature job", 2], ["spark feature", 2], ["pyspark job", 2.5], ["feature engineering job", 2.5], ["pysparkprocessor", 3], ["sklearnprocessor", 3],
    ["glue", 1.5], ["backfill", 1.5], ["feature backfill", 2.5], ["notebook instance", 1],
    ["processing", 1.5], ["script", 1.5], ["spark", 2], ["spark job", 1.5], ["run * script", 2], ["running * script", 2], ["cluster", 1.5],
    ["one off", 1], ["validation", 1.5],
    ["data validation", 2], ["scikit learn", 1], ["sklearn", 1], ["at scale", 1], ["evaluation script", 2],
    ["custom script", 1.5], ["run my code", 1],
    ["pyspark", 2], ["python script", 1], ["postprocessing", 1.5], ["post processing", 1.5], ["model evaluation", 2],
    ["evaluate * model", 1.5], ["big machine", 1.5], ["etl", 1.5], ["preprocess", 1],
    ["pandas", 1], ["pandas transformations", 2], ["dont fit", 1.5], ["evaluation metrics", 2], ["test set", 1.5], ["managed job", 1],
    ["containerised job", 2.5], ["containerized job", 2.5], ["tokenise", 2], ["tokenize", 2], ["before training", 1],
  ],
  clarify: [
    ["per prediction explanations", 3], ["per prediction explanation", 3], ["explanations", 2], ["explain * score", 2.5], ["why * got a", 1.5],
    ["bias", 3], ["biased", 3], ["fair", 2.5], ["fairness", 3], ["explainability", 3], ["explain predictions", 2.5],
    ["explain individual predictions", 2.5], ["shap", 3], ["feature importance", 2.5], ["feature attribution", 2.5], ["which features drive", 2.5],
    ["drive a prediction", 2], ["explain * decisions", 2.5], ["explain a model", 2.5], ["interpret", 2], ["interpretability", 3],
    ["why the model", 2],
    ["regulator", 2], ["discriminate", 3], ["discrimination", 3], ["by age", 1.5], ["by gender", 1.5], ["features matter", 2.5],
    ["matter most", 2], ["important features", 2.5], ["most important features", 1], ["regulators", 2], ["protected attribute", 2.5],
    ["disparate impact", 3], ["why did the model", 2.5], ["transparent", 1.5], ["explainability report", 3], ["compliance", 1],
    ["which inputs", 2], ["push a prediction", 2.5], ["up or down", 1], ["fairness metrics", 1],
    ["unequally", 3], ["unfair", 3], ["treats * groups", 2.5],
  ],
  experiments: [
    ["loss curves", 2.5], ["overlay", 2], ["in one chart", 2], ["what * tried", 2], ["tried this sprint", 2.5],
    ["track", 1.5], ["tracking", 1.5], ["compare runs", 2.5], ["compare * runs", 2], ["training runs", 1.5], ["runs", 1], ["experiment", 2],
    ["metrics", 1], ["training metrics", 1], ["log metrics", 2.5], ["log * metrics", 2.5], ["compare them", 1.5],
    ["compare * across", 1.5], ["weights and biases", 3], ["tracking runs", 2.5], ["track * runs", 2],
    ["tensorboard", 2], ["reproducibility", 1.5], ["which dataset", 1.5], ["side by side", 1.5],
    ["code commit", 2.5], ["lab notebook", 2.5], ["data version", 1.5], ["produced a run", 2], ["which run", 2], ["lose track", 2],
    ["record * run", 2],
  ],
  debugger: [
    ["vanishing gradients", 3], ["exploding gradients", 3], ["gradients", 2], ["tensors", 2], ["profile", 1], ["profiling", 1.5],
    ["gpu utilization", 2], ["gpu utilisation", 2], ["overfitting", 2.5], ["during training", 1], ["debug", 2], ["debugging", 2],
    ["loss", 1.5], ["nan", 2], ["whats wrong", 1.5], ["figure out * wrong", 2], ["not converging", 2.5], ["converge", 2], ["flat", 1],
    ["epochs", 1], ["bottleneck", 2],
    ["profiler", 2], ["stall", 2], ["stalling", 2], ["why training", 2], ["dataloader", 2], ["cpu and gpu usage", 2], ["gpu usage", 2],
    ["cpu usage", 2], ["loss explodes", 3], ["explode", 2], ["gets stuck", 1.5], ["training * stuck", 2], ["cpu bottleneck", 2.5],
    ["system metrics", 2], ["training is slow", 2], ["gpu is", 1], ["utilisation", 1.5], ["utilization", 1.5],
    ["loss stops decreasing", 3], ["stops decreasing", 2.5], ["inspect tensors", 3], ["training loss", 2],
  ],
  autopilot: [
    ["without writing code", 2], ["without writing * code", 2], ["without * any code", 2], ["dont want to write", 2],
    ["write model code", 1], ["no code", 1.5], ["build a model for me", 2.5],
    ["automatically build", 2], ["pick algorithms", 2], ["baseline model", 1.5], ["best algorithm", 2], ["pick * algorithm", 2],
    ["choose * algorithm", 2], ["tabular", 1.5],
    ["leaderboard", 2], ["build a model for us", 2.5], ["build * model * automatically", 2.5], ["from a table", 1.5],
    ["try * algorithms", 2.5], ["bunch of algorithms", 2.5], ["algorithms", 1], ["pick the best", 1], ["candidates", 1],
    ["business analysts", 2], ["canvas", 2], ["any code", 1], ["automl", 3],
    ["baseline classifier", 2], ["candidate models", 2.5], ["rank * models", 2.5], ["several candidate", 2], ["spreadsheet", 1.5],
    ["upload a table", 2.5], ["figure out the model", 2.5], ["figure out", 1],
  ],
  jumpstart: [
    ["pretrained", 2.5], ["pre trained", 2.5], ["foundation model", 3], ["foundation models", 3], ["llm", 2.5], ["llms", 2.5],
    ["fine tune", 2], ["finetune", 2], ["hugging face", 2], ["text classifier", 0.5],
    ["llama", 2.5], ["ready made", 2.5], ["off the shelf", 2.5], ["object detection", 1], ["start from", 1], ["mistral", 2.5], ["falcon", 2],
    ["stable diffusion", 2.5], ["bert", 1.5], ["one click", 2], ["model zoo", 2.5], ["genai", 2], ["gen ai", 2], ["pretrained models", 1],
  ],
  "serverless-inference": [
    ["scale to zero", 2], ["idle", 2], ["intermittent", 2.5], ["spiky", 2.5], ["sporadic", 2.5], ["bursty", 2], ["cold start", 2],
    ["cold starts", 2], ["few times a day", 2.5], ["every few hours", 2.5], ["occasionally", 2], ["infrequent", 2.5], ["low traffic", 2],
    ["pay per request", 2], ["small payloads", 2.5], ["times a day", 2.5], ["times an hour", 2], ["which is cheaper", 1],
    ["small payload", 2.5], ["few requests", 2.5], ["low volume", 2],
    ["requests an hour", 2], ["requests a day", 2], ["cheapest", 1], ["cheaper", 1], ["internal tool", 1],
    ["rarely", 2], ["occasional", 2], ["unpredictable traffic", 2.5], ["pay per use", 2], ["max concurrency", 2], ["memory limit", 1.5],
    ["sits idle", 2.5], ["calls an hour", 2.5], ["twice a day", 2.5], ["calls a day", 2.5], ["pay per invocation", 2.5],
    ["per invocation", 2], ["pay as you go", 2], ["pay per", 1.5],
    ["scale down to nothing", 3], ["scale to nothing", 3], ["nobody uses it", 2.5], ["down to zero", 3], ["long quiet periods", 2.5],
    ["quiet periods", 2],
    ["dont pick instances", 3], ["no instances", 2.5], ["without instances", 2.5], ["instances at all", 2],
    ["per millisecond", 2], ["while idle", 2.5], ["nothing while idle", 1],
  ],
  "async-inference": [
    ["about a minute", 2], ["a minute each", 2], ["each takes", 1],
    ["large payload", 3], ["large payloads", 3], ["payloads", 1.5], ["big", 0.5], ["minutes", 2], ["long running", 2], ["video", 2],
    ["documents", 1.5], ["pdf", 1.5], ["queue", 2], ["_size_", 2],
    ["times out", 2], ["time out", 2], ["timeout", 2], ["timeouts", 2], ["take ** minutes", 2.5], ["takes ** minutes", 2.5],
    ["take ** hour", 2.5], ["takes ** hour", 2.5], ["up to an hour", 2.5],
    ["images", 0.5], ["satellite", 1], ["near real time", 2], ["notification when", 1.5], ["several minutes", 2.5], ["long inference", 2.5],
  ],
  "inference-recommender": [
    ["which instance", 2.5], ["what instance", 2.5], ["instance type", 2], ["right size", 2], ["rightsizing", 2.5], ["sizing", 2.5],
    ["load test", 2.5], ["benchmark", 2], ["choose between _inst_", 2], ["choose * instance", 2.5], ["better instance", 2], ["instance", 1],
    ["slow to respond", 1], ["cheapest instance", 3], ["gut feeling", 2], ["something cheaper", 2], ["meets * latency", 2.5],
    ["cheaper instance", 2.5], ["p99", 1], ["latency target", 2], ["pick * instance", 2.5], ["select * instance", 2.5],
    ["without guessing", 1.5], ["overkill", 2], ["oversized", 2], ["undersized", 2], ["_inst_", 1],
    ["throughput", 1.5], ["cost per inference", 2.5], ["compare instances", 2.5], ["instance types", 2],
    ["compute size", 2.5], ["right compute", 2.5],
    ["cpu and gpu instances", 3], ["cpu or gpu", 2.5], ["between cpu and gpu", 2.5], ["instances for inference", 2.5],
  ],
  "shadow-testing": [
    ["live requests", 2], ["real live requests", 2.5], ["would have answered", 2.5], ["would have scored", 2.5],
    ["live traffic", 2], ["production traffic", 2], ["without affecting users", 2.5], ["without affecting", 2], ["mirror", 2],
    ["new model version", 1], ["new variant", 1.5], ["before switching", 1.5],
    ["prod traffic", 2], ["real traffic", 2], ["real requests", 2], ["prod requests", 2], ["production requests", 2], ["cutting over", 2],
    ["cut over", 2], ["cutover", 2], ["safely compare", 1.5],
    ["shadow", 2.5], ["silently", 1.5], ["without users seeing", 2.5], ["users seeing", 1.5], ["alongside", 2], ["old one", 1],
    ["safe rollout", 1.5], ["in parallel with", 1], ["side by side in prod", 2],
    ["copy of live requests", 3], ["route a copy", 3], ["copy of * traffic", 2.5], ["candidate model", 2], ["challenger", 3], ["champion", 2.5],
    ["test * in production", 2.5], ["in production while", 2], ["keeps answering", 2.5],
  ],
};

/** Weight of a catalogue name or alias; generic one-word aliases weigh less (GENERIC_ALIASES). */
export const NAME_WEIGHT = 3;
export const GENERIC_ALIASES: Readonly<Record<string, number>> = {
  endpoint: 1.5, endpoints: 1.5, hosting: 1, "training job": 1.5, "training jobs": 1.5, registry: 2.5, pipelines: 2.5, experiments: 2.5, serverless: 2.5, estimator: 2,
  "model package": 2, "model packages": 2, "hpo": 3, "amt": 2,
};

/** Phrases that point at a stage as such. */
export const STAGE_CUES: Readonly<Record<StageId, readonly Cue[]>> = {
  "data-prep": [
    ["data prep", 3], ["data preparation", 3], ["prepare data", 2], ["prep", 1.5], ["preprocessing", 2], ["pre processing", 2],
    ["feature engineering", 2], ["eda", 2], ["data cleaning", 2], ["labeling", 1], ["cleaning", 1],
  ],
  training: [
    ["training", 2], ["train", 1.5], ["trained", 1.5], ["tuning", 1.5], ["model training", 2.5], ["build a model", 1.5], ["classifier", 1.5],
    ["custom classifier", 2], ["custom model", 2],
  ],
  "model-management": [
    ["model management", 3], ["governance", 3], ["versioning", 1.5], ["registry", 1], ["register", 1.5], ["registered", 1.5],
    ["registration", 1.5], ["approve", 1],
  ],
  deployment: [
    ["deployment", 3], ["deploy", 2], ["deployed", 2], ["inference", 1.5], ["serving", 2], ["serve", 1.5], ["hosting", 1.5], ["endpoint", 1.5],
  ],
  monitoring: [["monitoring", 3], ["monitor", 2], ["monitored", 2], ["drift", 1.5], ["observability", 2]],
  orchestration: [
    ["orchestration", 3], ["orchestrate", 2], ["workflow", 2], ["automate", 1.5], ["automated", 1.5], ["pipeline", 1.5], ["pipelines", 1.5],
    ["mlops", 1],
  ],
};

/** Words that make a question about machine learning rather than about anything else. */
export const DOMAIN_CUES: readonly Cue[] = [
  ["sagemaker", 2], ["ml", 1.5], ["machine learning", 2], ["model", 1.5], ["models", 1.5], ["mlops", 2], ["inference", 1.5],
  ["dataset", 1], ["data", 0.5], ["features", 1], ["hyperparameters", 1.5], ["classifier", 1.5], ["endpoint", 1.5], ["aws", 0.5],
  ["predictions", 1], ["prediction", 1], ["s3", 1], ["_s3_", 1], ["_inst_", 1], ["instances", 1], ["instance", 1], ["gpu", 1], ["gpus", 1],
  ["spot", 0.5], ["_endpoint_", 1.5], ["_job_", 1], ["train _name_", 1.5], ["tune _name_", 1.5], ["deploy _name_", 1.5],
  ["deploy _ref_", 1.5],
];

/** Question kinds (params.question) spotted by phrase. */
export const LIFECYCLE_CUES: readonly Cue[] = [
  ["lifecycle", 2], ["life cycle", 2], ["stages", 1.5], ["each stage", 2], ["every stage", 2], ["all stages", 2], ["six", 1],
  ["stage to service", 3], ["map", 1.5], ["overview", 1], ["end to end", 0.5], ["whole", 0.5], ["full", 0.5],
];
export const STAGE_QUESTION_CUES: readonly Cue[] = [
  ["which stage", 3], ["what stage", 3], ["which phase", 3], ["what phase", 3], ["which lifecycle stage", 3], ["stage is", 2],
  ["belong", 2], ["belongs", 2], ["belong to", 2], ["part of", 2], ["fit in", 2], ["fits in", 2], ["which step", 2], ["what part of", 2],
  ["in which stage", 3], ["stage does", 2], ["or governance", 1], ["thing or", 1],
];
export const COMPARE_CUES: readonly Cue[] = [
  ["vs", 3], ["versus", 3], ["compare", 2], ["difference between", 3], ["or", 1], ["better than", 2], ["better", 1], ["which is", 1],
  ["instead of", 1], ["rather than", 1.5], ["when to use which", 2], ["over", 1],
  // The same in German, Spanish, French and Japanese ("Model Monitor oder Clarify …?", "¿experiments o el model registry …?").
  ["oder", 1], ["o", 1], ["ou", 1], ["statt", 1], ["anstatt", 1], ["en vez de", 1], ["en lugar de", 1], ["au lieu de", 1], ["plutôt que", 1.5],
  ["unterschied zwischen", 3], ["diferencia entre", 3], ["différence entre", 3], ["vergleichen", 2], ["comparar", 2], ["comparer", 2],
  ["どっち", 2], ["どちら", 2], ["違い", 2], ["比較", 2],
];
/** Words that make a raw-data question span the whole set-up, not one step. */
export const SCENARIO_SPAN_CUES: readonly Cue[] = [
  ["full", 1], ["end to end", 1], ["whole", 1], ["setup", 1], ["set up", 1], ["stack", 1], ["all automated", 1], ["from raw", 1],
];
/** A scenario starts from raw data. */
export const RAW_DATA_CUES: readonly Cue[] = [
  ["raw data", 3], ["raw s3", 3], ["raw csvs", 3], ["raw csv", 3], ["raw files", 3], ["raw customer data", 3], ["raw * data", 2],
  ["data in s3", 1], ["s3 data", 1],
];

/** Phrases saying "my account is new to AWS" (restricted services rank lower then). */
export const NEW_ACCOUNT_CUES: readonly Cue[] = [["new account", 1], ["new aws account", 1], ["new customer", 1], ["new customers", 1], ["new accounts", 1]];

/** Deployment-mode cues. */
export const BATCH_CUES: readonly Cue[] = [
  ["batch", 1], ["batch transform", 1], ["batch score", 1], ["score nightly", 1], ["nightly", 1], ["score * with", 1], ["_kv_ output", 0],
];
export const ROLLBACK_CUES: readonly Cue[] = [
  ["rollback", 1], ["roll back", 1], ["roll _endpoint_ back", 1], ["roll _name_ back", 1], ["revert", 1], ["undo", 1],
  ["go back to * previous", 1], ["previous version", 1], ["previous model", 1], ["go back to", 1], ["switch back", 1], ["revert to", 1],
  ["restore", 1], ["take * back", 1], ["back to * previous", 1], ["roll it back", 1], ["roll that back", 1],
];

/** Resource nouns that let status and stop say which kind of thing they are about. */
export const RESOURCE_NOUNS: readonly (readonly [phrase: string, service: ServiceId])[] = [
  ["tuning job", "automatic-model-tuning"], ["tuning run", "automatic-model-tuning"], ["hpo", "automatic-model-tuning"],
  ["tuning", "automatic-model-tuning"], ["training job", "sagemaker-training"], ["training run", "sagemaker-training"],
  ["training", "sagemaker-training"], ["batch transform", "batch-transform"], ["batch job", "batch-transform"],
  ["transform job", "batch-transform"], ["processing job", "processing"], ["pipeline", "pipelines"], ["execution", "pipelines"],
  ["workflow", "pipelines"], ["endpoint", "realtime-endpoint"], ["_endpoint_", "realtime-endpoint"], ["tuning jobs", "automatic-model-tuning"],
  ["training jobs", "sagemaker-training"], ["batch jobs", "batch-transform"], ["transform jobs", "batch-transform"],
  ["processing jobs", "processing"], ["pipelines", "pipelines"], ["executions", "pipelines"], ["endpoints", "realtime-endpoint"],
];

/**
 * The same kinds of resource named in German, Spanish, French and Japanese ("den Trainingsjob",
 * "mi entrenamiento", "l'exécution du pipeline", "学習", "パイプライン"), read in the text itself: the
 * shape's English words do not hold them, and Japanese has no spaces to match words at.
 */
export const RESOURCE_NOUNS_ABROAD: readonly (readonly [pattern: RegExp, service: ServiceId])[] = [
  [/tuning|tunig|tunning|tunign|tunnig|hpo|bayes\w*|bay[eé]si\w*|sweep|hyperparam|hyperparameter-?(suche|optimierung)|hyperpara?me?te?r|hiperpar[aá]metros|hyperparam[eè]tres|チューニング|ハイパーパラメータ|ハイパラ|ちゅーにんぐ|はいぱーぱらめーた/i, "automatic-model-tuning"],
  [/batch[- ]?transform|batch-?inferenz|batch-?jobs?|batch-?(vorhersage|scoring)\w*|(^|\s)en batch(?![\p{L}])|(^|\s)(un|el|le|das|den|einen|ein) scoring(?![\p{L}])|transformaci[oó]n por lotes|inferencia por lotes|traitement par lots|transformation par lots|inf[eé]rence par lots|バッチ変換|バッチ推論/iu, "batch-transform"],
  [/trainings?-?(job|lauf)|(^|\s)(das |den )?training(\s|$)|entrenamiento|entra[iî]nement|学習|トレーニング|訓練/i, "sagemaker-training"],
  [/pipe?line|pipline|ausf[uü]hrung|canalizaci[oó]n|ejecuci[oó]n|ex[eé]cution|パイプライン|ワークフロー/i, "pipelines"],
  [/endpoint|punto de enlace|point de terminaison|エンドポイント/i, "realtime-endpoint"],
];

/**
 * The kinds of endpoint a deploy may ask for by name in the other corpus languages ("como endpoint
 * asíncrono", "en serverless", "非同期推論で"); English names them by the catalogue's own names.
 */
export const DEPLOY_TARGETS_ABROAD: readonly (readonly [pattern: RegExp, service: ServiceId])[] = [
  [/as[iíy]n[ck]h?r[oó]n\w*|(^|[^\p{L}])async(?![\p{L}])|非同期|アシンク/iu, "async-inference"],
  [/server-?los\w*|sans serveur|sin servidor|サーバー?レス/i, "serverless-inference"],
];

/** Batch scoring named in the other corpus languages, beyond the nouns of RESOURCE_NOUNS_ABROAD. */
export const BATCH_WORDS_ABROAD = /por lotes|par lots?\b|en lote\b|stapelverarbeitung|バッチ|\bscoren\b|\bscorer\b|\bpuntuar\b|スコアリング/i;

/** "my/our/the ... model|endpoint|job" and friends: a specific resource without its name. */
export const RESOURCE_REFERENCE = /(^| )(my|our|the|this|that|current|running|latest|last|yesterdays|todays|tonights|nightly)( \S+){0,3} (model|endpoint|job|jobs|training|run|pipeline|execution|deployment|tuning|transform|sweep|hpo)( |$)/;

/** Common words never "corrected" into domain words. */
export const PROTECTED_WORDS: readonly string[] = [
  "trail", "trails", "brain", "drain", "grain", "draft", "drafts", "tone", "tube", "stats", "state", "states", "stage", "stages", "store",
  "stores", "story", "trend", "tread", "model", "modal", "mode", "modes", "stock", "stops", "start", "there", "their",
  "these", "those", "deploy", "data", "date", "dates", "rate", "rates", "time", "tame", "team", "teams", "mean", "means", "most", "post",
  "test", "tests", "text", "next", "best", "rest", "host", "hosts", "ship", "shop", "shape", "help", "hello", "hell", "held", "sell",
  "tell", "well", "shell", "spell", "still", "skill", "drive", "drove", "drop", "drops", "trip", "trips", "trap", "music", "order",
  "orders", "tokyo", "paris", "joke", "jokes", "poem", "poems", "dog", "dogs", "sit", "pizza", "place", "weather", "whether", "meeting",
  "recording", "vacation", "lisbon", "marathon", "football", "game", "games", "bitcoin", "website", "netlify", "console", "password",
  "seattle", "french", "morning", "evening", "stat", "stats", "based", "lunch", "train", "trains", "plan", "plans", "plane", "planes", "tuning", "tunes", "tune",
];

/**
 * Chat shorthand read as the words it stands for, before spelling correction ("hyperparams",
 * "ppl", "rn"); an empty expansion drops filler that carries no meaning here ("tbh", "fyi").
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  u: "you", ur: "your", ppl: "people", pls: "please", plz: "please", thx: "", ty: "", rn: "right now", atm: "at the moment",
  tmrw: "tomorrow", tmr: "tomorrow", b4: "before", wat: "what", wats: "whats", wut: "what", diff: "difference", hyperparams: "hyperparameters",
  hyperparam: "hyperparameter", hparams: "hyperparameters", hps: "hyperparameters", params: "parameters", xgb: "xgboost", sm: "sagemaker",
  ep: "endpoint", perf: "performance", reqs: "requests", req: "request", rps: "requests per second", mins: "minutes", hrs: "hours",
  lr: "learning rate", ha: "high availability", min: "minutes", hr: "hour", wandb: "weights and biases", preds: "predictions", pred: "prediction", k8s: "kubernetes", cicd: "ci cd", asap: "now", smth: "something",
  sth: "something", abt: "about", tbh: "", fyi: "", btw: "", imo: "", iirc: "", afaik: "", idk: "", lmk: "",
  bc: "because", cuz: "because", coz: "because", tho: "though", msg: "message", info: "information", approx: "about", config: "configuration",
};

/**
 * Everyday words seen in hyphenated compounds ("cost-effective", "ready-made", "always-on"): a chunk made
 * only of these and known words is words, not a resource name.
 */
export const COMPOUND_PARTS: readonly string[] = [
  "effective", "made", "ready", "off", "well", "known", "long", "short", "running", "high", "low", "level", "date", "follow", "sign", "opt",
  "hands", "state", "art", "called", "always", "day", "line", "side", "world", "party", "grained", "fine", "coarse", "based", "driven",
  "aware", "friendly", "free", "confidence", "quality", "term", "scale", "self", "service", "hosted", "managed", "open", "source", "right",
  "sized", "size", "one", "two", "three", "first", "second", "third", "last", "next", "ad", "hoc", "hot", "cold", "warm", "multi", "single",
  "cross", "over", "under", "out", "all", "per", "cost", "use", "case", "wide", "team", "company", "built", "in", "add", "ons", "look",
  "ups", "set", "up", "check", "point", "wise", "like", "style", "end", "to", "back", "front", "read", "write", "only", "time", "real",
];

/** Hyperparameter names recognised in free text ("max_depth 6", "eta 0.2", "max depth of 6"). */
export const KNOWN_HYPERPARAMETERS: Readonly<Record<string, string>> = {
  eta: "eta", max_depth: "max_depth", "max depth": "max_depth", num_round: "num_round", "num round": "num_round", subsample: "subsample",
  gamma: "gamma", min_child_weight: "min_child_weight", colsample_bytree: "colsample_bytree", lambda: "lambda", alpha: "alpha",
  objective: "objective", eval_metric: "eval_metric", learning_rate: "learning_rate", "learning rate": "learning_rate", epochs: "epochs",
  batch_size: "batch_size", "batch size": "batch_size", num_class: "num_class", scale_pos_weight: "scale_pos_weight",
  max_delta_step: "max_delta_step",
};
