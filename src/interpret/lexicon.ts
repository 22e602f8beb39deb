import type { IntentId, ServiceId, StageId } from "../catalog/ids.js";

/**
 * A cue: a phrase matched on the utterance's shape string (lower-case, spelling-corrected words, with
 * `_name_`, `_endpoint_`, `_job_`, `_ref_`, `_s3_`, `_inst_`, `_kv_`, `_num_`, `_dur_`, `_size_`,
 * `_chan_` standing for resource-like tokens) and the weight it adds. `*` stands for one to four words.
 * Each phrase counts once per utterance.
 */
export type Cue = readonly [phrase: string, weight: number];

/** Evidence for each intent. Verbs that start the request get an extra bonus (LEADING_VERBS). */
export const INTENT_CUES: Readonly<Record<Exclude<IntentId, "unknown">, readonly Cue[]>> = {
  train: [
    ["train", 2], ["retrain", 2], ["trained", 0.5], ["training run", 1.5], ["training job", 1.2], ["new training", 1],
    ["fit _name_", 1.5], ["fit _ref_", 1.5], ["_name_ training", 1], ["training for _name_", 1], ["recipe _name_", 1],
  ],
  tune: [
    ["tune", 2.5], ["tuning", 1.5], ["hyperparameter tuning", 2], ["hpo", 2.5], ["tuning job", 1.5], ["tuning run", 1.5],
    ["sweep", 2], ["hyperparameter sweep", 1], ["optimize * hyperparameters", 2.5], ["optimise * hyperparameters", 2.5],
    ["search hyperparameters", 2.5], ["hyperparameter search", 2], ["_num_ trials", 1.5], ["trials", 1], ["in parallel", 0.8],
    ["_num_ parallel", 0.8], ["at a time", 0.8], ["budget", 0.5],
  ],
  deploy: [
    ["deploy", 2.5], ["ship", 2], ["promote", 2], ["release", 1.5], ["roll out", 2], ["rollout", 2], ["rollback", 3], ["roll back", 3],
    ["roll _endpoint_ back", 3], ["roll _name_ back", 3], ["revert", 2.5], ["undo * deployment", 3], ["go back to * previous", 2.5],
    ["previous version", 1], ["previous model", 1], ["serve predictions from", 2], ["host _ref_", 2], ["host _name_", 1.5],
    ["behind an endpoint", 1.5], ["batch score", 2.5], ["score nightly", 2.5], ["run a batch transform", 2.5], ["push * live", 2.5],
    ["put * on _endpoint_", 1.5], ["update _endpoint_ to", 3], ["to _endpoint_", 1], ["_ref_", 1.5], ["latest approved", 1],
    ["score * with _ref_", 2], ["score * with _name_", 2], ["batch predict", 2.5], ["batch predictions", 2], ["batch inference", 1.5],
  ],
  status: [
    ["status", 3], ["progress", 2], ["done yet", 2.5], ["is * done", 2.5], ["finish", 1.5], ["finished", 1.5], ["still running", 2],
    ["how is * going", 3], ["hows * going", 3], ["how is * doing", 3], ["hows * doing", 3], ["in service", 2], ["healthy", 2],
    ["far along", 3], ["check on", 3], ["whats going on", 3], ["going on with", 3], ["where are we with", 3], ["still serving", 2.5],
    ["currently serving", 2.5], ["version is on", 3], ["what is on _endpoint_", 3], ["whats on _endpoint_", 3], ["is * finished", 2.5], ["is * complete", 2.5], ["hows * looking", 3], ["how is * looking", 3], ["how does * look", 3], ["still training", 2.5],
    ["still tuning", 2.5], ["anything running", 3], ["anything still", 2], ["did * finish", 2.5], ["did * complete", 2.5], ["did * fail", 2.5], ["did * succeed", 2.5],
    ["completed", 1.5], ["failed", 1.5], ["updates on", 2.5], ["any updates", 2], ["where is * at", 3], ["list * jobs", 3],
    ["list jobs", 3], ["show me * jobs", 2.5], ["running jobs", 2.5], ["whats running", 3], ["what is running", 3],
  ],
  stop: [["stop", 3], ["cancel", 3], ["abort", 3], ["kill", 3], ["halt", 3], ["terminate", 2.5], ["stuck", 1]],
  drift: [
    ["drift", 3], ["drifting", 3], ["drifted", 3], ["violations", 2.5], ["shifted", 2], ["input distribution", 1.5],
    ["monitoring results", 3], ["monitoring report", 3], ["drift report", 1], ["quality degradation", 1.5], ["degradation", 1.5],
    ["degraded", 1.5], ["data quality", 1],
  ],
  pipeline: [
    ["pipeline start", 3], ["start pipeline", 3], ["run pipeline", 3], ["execute pipeline", 3], ["run the _name_ pipeline", 3],
    ["_name_ pipeline", 2], ["pipeline _name_", 2], ["pipeline execution", 1.5], ["new execution", 2], ["_name_ workflow", 1.5],
    ["retraining pipeline", 2], ["trigger", 1],
  ],
  help: [
    ["help", 3], ["usage", 3], ["commands", 3], ["what can you do", 4], ["what can sageops do", 4], ["what can the bot do", 4],
    ["what can this bot do", 4], ["what do you do", 3], ["what do you support", 4], ["what are you for", 4], ["what is sageops", 4], ["able to help", 3], ["able to do", 3], ["use this bot", 4],
    ["use you", 3], ["use sageops", 3], ["help me use", 3],
  ],
  ask: [
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
  ],
};

/**
 * First words (after "please", "can you", ...) that make a request an instruction to do something.
 * Generic starters ("run", "start", "kick off") are resolved by the noun that follows (START_VERBS).
 */
export const LEADING_VERBS: Readonly<Record<string, Exclude<IntentId, "unknown">>> = {
  train: "train", retrain: "train", fit: "train",
  tune: "tune", hpo: "tune",
  deploy: "deploy", redeploy: "deploy", ship: "deploy", promote: "deploy", release: "deploy", rollback: "deploy", revert: "deploy",
  host: "deploy", serve: "deploy", push: "deploy", put: "deploy", update: "deploy", undo: "deploy", score: "deploy",
  stop: "stop", cancel: "stop", abort: "stop", kill: "stop", halt: "stop", terminate: "stop",
  status: "status", list: "status",
  drift: "drift",
  pipeline: "pipeline",
  help: "help",
  explain: "ask", describe: "ask", tell: "ask", compare: "ask", walk: "ask", give: "ask", summarize: "ask", summarise: "ask",
  define: "ask", design: "ask", architect: "ask", map: "ask", lay: "ask", recommend: "ask", suggest: "ask",
};

/** Multi-word openers that are leading verbs too ("roll back churn-prod"). */
export const LEADING_PHRASES: readonly (readonly [phrase: string, intent: Exclude<IntentId, "unknown">])[] = [
  ["roll back", "deploy"], ["roll out", "deploy"], ["go back", "deploy"], ["batch score", "deploy"], ["check on", "status"],
  ["check drift", "drift"], ["drift check", "drift"], ["tell me", "ask"], ["show me the lifecycle", "ask"], ["batch predict", "deploy"],
];

/** Verbs that start something; what they start depends on the noun nearby. */
export const START_VERBS: readonly string[] = [
  "start", "run", "launch", "kick off", "trigger", "execute", "re run", "rerun", "fire off", "fire", "get * going", "schedule", "begin", "do",
  "get", "retrain",
];

/** Nouns that say what a start verb starts. */
export const START_OBJECTS: Readonly<Partial<Record<Exclude<IntentId, "unknown">, readonly string[]>>> = {
  train: ["training", "training run", "training job", "_name_ trained"],
  tune: ["tuning", "tuning job", "hpo", "hyperparameter tuning", "hyperparameter sweep", "sweep", "_name_ tune"],
  pipeline: ["pipeline", "workflow", "execution", "pipeline execution"],
  deploy: ["batch transform"],
};

/** Words removed from the start of a request before looking for the leading verb. */
export const REQUEST_PREFIXES: readonly string[] = [
  "please", "pls", "plz", "kindly", "hey", "ok", "okay", "so", "now", "just", "sageops", "bot", "yo",
  "can you", "could you", "would you", "will you", "can u", "go ahead and", "i want to", "i wanna", "id like to", "i would like to",
  "i need to", "i need you to", "we need to", "lets", "let us", "time to", "ask", "can we", "could we", "could i get", "can i get",
];

/** Prefixes that keep a question-shaped sentence an instruction ("can you deploy ...?"). */
export const POLITE_REQUEST_PREFIXES: readonly string[] = [
  "can you", "could you", "would you", "will you", "can u", "please", "pls", "kindly", "can we", "could we", "could i get", "can i get",
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
  ],
  "sagemaker-training": [
    ["train", 1], ["training", 1], ["own code", 2], ["own container", 2], ["bring your own", 1.5], ["byoc", 2], ["built in algorithm", 2],
    ["built in algorithms", 2], ["xgboost", 0.8], ["custom container", 2], ["distributed training", 2], ["spot training", 2],
    ["from scratch", 2], ["training script", 2], ["train a model", 1.5], ["custom classifier", 1], ["custom model", 1], ["spot instances", 2],
  ],
  "automatic-model-tuning": [
    ["tuning", 2], ["tune", 2], ["hyperparameters", 2], ["hyperparameter", 2], ["bayesian", 2], ["grid search", 2], ["random search", 2],
    ["hyperband", 2], ["search strategies", 1.5], ["sweep", 2],
  ],
  "feature-store": [
    ["features", 1.5], ["store features", 2], ["reuse", 1.5], ["share features", 2], ["several teams", 1], ["online store", 2],
    ["offline store", 2], ["consistent", 1], ["train serve skew", 2.5], ["point in time", 2], ["feature repository", 2.5],
  ],
  "model-registry": [
    ["version", 1], ["versions", 1.5], ["versioning", 2], ["approve", 2], ["approval", 2], ["approvals", 2], ["catalog", 2], ["catalogue", 2],
    ["catalogued", 2], ["cataloged", 2], ["register", 2], ["registered", 1.5], ["registration", 1.5], ["governance", 1.5], ["model versions", 1.5],
  ],
  "realtime-endpoint": [
    ["real time", 2], ["realtime", 2], ["low latency", 2.5], ["latency", 1], ["instant", 2], ["instantly", 2], ["milliseconds", 2],
    ["per request", 1.5], ["web app", 2], ["mobile app", 2], ["chatbot", 2], ["api", 1.5], ["online inference", 2.5],
    ["serve predictions", 1.5], ["auto scaling", 1.5], ["interactive", 1.5], ["prediction api", 1],
  ],
  "batch-transform": [
    ["batch", 2], ["nightly", 2.5], ["every night", 2.5], ["once a day", 2], ["daily", 1.5], ["once a week", 2], ["weekly", 1.5],
    ["once a month", 2], ["monthly", 1.5], ["whole dataset", 2], ["big dataset", 2], ["large dataset", 2], ["dataset", 0.5],
    ["million rows", 2], ["rows", 1], ["offline", 1.5], ["bulk", 2], ["score", 1], ["scoring", 1], ["report", 0.5], ["files in s3", 1],
  ],
  "model-monitor": [
    ["drift", 3], ["drifting", 3], ["degrades", 2], ["degrade", 2], ["degradation", 2], ["model quality", 2], ["data quality", 1.5],
    ["monitor", 1.5], ["monitoring", 1.5], ["monitored", 1], ["watch", 1], ["in production", 1], ["in prod", 1], ["baseline", 1.5],
    ["violations", 2], ["keep an eye on", 1.5], ["prediction quality", 2], ["over time", 1],
  ],
  pipelines: [
    ["pipeline", 2], ["orchestrate", 3], ["orchestrates", 3], ["orchestration", 2], ["workflow", 2], ["workflows", 2], ["automate", 2],
    ["automated", 1.5], ["end to end", 1], ["dag", 2], ["ci cd", 2], ["mlops", 1], ["retraining", 1], ["step functions", 1.5], ["airflow", 2], ["kubeflow", 2],
    ["orchestrator", 2],
  ],
  "ground-truth": [
    ["label", 2], ["labels", 2], ["labeling", 2], ["labelling", 2], ["annotate", 2.5], ["annotation", 2.5], ["annotators", 2.5],
    ["tagged", 1.5], ["by people", 1.5], ["humans", 1.5], ["human", 1], ["workforce", 2], ["mechanical turk", 2.5], ["bounding box", 2.5],
  ],
  processing: [
    ["processing", 1.5], ["script", 1.5], ["spark", 2], ["spark job", 1.5], ["scikit learn", 1], ["sklearn", 1], ["at scale", 1], ["evaluation script", 2],
    ["custom script", 1.5], ["run my code", 1],
  ],
  clarify: [
    ["bias", 3], ["biased", 3], ["fair", 2.5], ["fairness", 3], ["explainability", 3], ["explain predictions", 2.5],
    ["explain individual predictions", 2.5], ["shap", 3], ["feature importance", 2.5], ["feature attribution", 2.5], ["which features drive", 2.5],
    ["drive a prediction", 2], ["explain * decisions", 2.5], ["explain a model", 2.5], ["interpret", 2], ["interpretability", 3],
    ["why the model", 2],
  ],
  experiments: [
    ["track", 1.5], ["tracking", 1.5], ["compare runs", 2.5], ["compare * runs", 2], ["training runs", 1.5], ["runs", 1], ["experiment", 2],
    ["metrics", 1], ["training metrics", 1],
  ],
  debugger: [
    ["vanishing gradients", 3], ["exploding gradients", 3], ["gradients", 2], ["tensors", 2], ["profile", 1], ["profiling", 1.5],
    ["gpu utilization", 2], ["gpu utilisation", 2], ["overfitting", 1.5], ["debug", 2], ["debugging", 2],
  ],
  autopilot: [
    ["without writing code", 2], ["dont want to write", 2], ["write model code", 1], ["no code", 1.5], ["build a model for me", 2.5],
    ["automatically build", 2], ["pick algorithms", 2], ["baseline model", 1.5], ["best algorithm", 2], ["pick * algorithm", 2],
    ["choose * algorithm", 2], ["tabular", 1.5],
  ],
  jumpstart: [
    ["pretrained", 2.5], ["pre trained", 2.5], ["foundation model", 3], ["foundation models", 3], ["llm", 2.5], ["llms", 2.5],
    ["fine tune", 2], ["finetune", 2], ["hugging face", 2], ["text classifier", 0.5],
  ],
  "serverless-inference": [
    ["scale to zero", 2], ["idle", 2], ["intermittent", 2.5], ["spiky", 2.5], ["sporadic", 2.5], ["bursty", 2], ["cold start", 2],
    ["cold starts", 2], ["few times a day", 2.5], ["every few hours", 2.5], ["occasionally", 2], ["infrequent", 2.5], ["low traffic", 2],
    ["pay per request", 2], ["cheapest", 1], ["cheaper", 1], ["internal tool", 1],
  ],
  "async-inference": [
    ["large payload", 3], ["large payloads", 3], ["payloads", 1.5], ["big", 0.5], ["minutes", 2], ["long running", 2], ["video", 2],
    ["documents", 1.5], ["pdf", 1.5], ["queue", 2], ["_size_", 2],
  ],
  "inference-recommender": [
    ["which instance", 2.5], ["what instance", 2.5], ["instance type", 2], ["right size", 2], ["rightsizing", 2.5], ["sizing", 2.5],
    ["load test", 2.5], ["benchmark", 2], ["choose between _inst_", 2], ["choose * instance", 2.5], ["better instance", 2], ["instance", 1],
    ["slow to respond", 1],
  ],
  "shadow-testing": [
    ["live traffic", 2], ["production traffic", 2], ["without affecting users", 2.5], ["without affecting", 2], ["mirror", 2],
    ["new model version", 1], ["new variant", 1.5], ["before switching", 1.5],
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
  ["spot", 0.5],
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
  ["go back to * previous", 1], ["previous version", 1], ["previous model", 1],
];

/** Resource nouns that let status and stop say which kind of thing they are about. */
export const RESOURCE_NOUNS: readonly (readonly [phrase: string, service: ServiceId])[] = [
  ["tuning job", "automatic-model-tuning"], ["tuning run", "automatic-model-tuning"], ["hpo", "automatic-model-tuning"],
  ["tuning", "automatic-model-tuning"], ["training job", "sagemaker-training"], ["training run", "sagemaker-training"],
  ["training", "sagemaker-training"], ["batch transform", "batch-transform"], ["batch job", "batch-transform"],
  ["transform job", "batch-transform"], ["processing job", "processing"], ["pipeline", "pipelines"], ["execution", "pipelines"],
  ["workflow", "pipelines"], ["endpoint", "realtime-endpoint"], ["_endpoint_", "realtime-endpoint"],
];

/** "my/our/the ... model|endpoint|job" and friends: a specific resource without its name. */
export const RESOURCE_REFERENCE = /(^| )(my|our|the|this|that|current|running|latest)( \S+){0,3} (model|endpoint|job|jobs|training|run|pipeline|execution|deployment|tuning|transform)( |$)/;

/** Common words never "corrected" into domain words. */
export const PROTECTED_WORDS: readonly string[] = [
  "trail", "trails", "brain", "drain", "grain", "draft", "drafts", "tone", "tube", "stats", "state", "states", "stage", "stages", "store",
  "stores", "story", "trend", "tread", "model", "modal", "mode", "modes", "stock", "stops", "start", "there", "their",
  "these", "those", "deploy", "data", "date", "dates", "rate", "rates", "time", "tame", "team", "teams", "mean", "means", "most", "post",
  "test", "tests", "text", "next", "best", "rest", "host", "hosts", "ship", "shop", "shape", "help", "hello", "hell", "held", "sell",
  "tell", "well", "shell", "spell", "still", "skill", "drive", "drove", "drop", "drops", "trip", "trips", "trap", "music", "order",
  "orders", "tokyo", "paris", "joke", "jokes", "poem", "poems", "dog", "dogs", "sit", "pizza", "place", "weather", "whether", "meeting",
  "recording", "vacation", "lisbon", "marathon", "football", "game", "games", "bitcoin", "website", "netlify", "console", "password",
  "seattle", "french", "morning", "evening", "train", "trains", "plan", "plans", "plane", "planes", "tuning", "tunes", "tune",
];

/** Hyperparameter names recognised in free text ("max_depth 6", "eta 0.2", "max depth of 6"). */
export const KNOWN_HYPERPARAMETERS: Readonly<Record<string, string>> = {
  eta: "eta", max_depth: "max_depth", "max depth": "max_depth", num_round: "num_round", "num round": "num_round", subsample: "subsample",
  gamma: "gamma", min_child_weight: "min_child_weight", colsample_bytree: "colsample_bytree", lambda: "lambda", alpha: "alpha",
  objective: "objective", eval_metric: "eval_metric", learning_rate: "learning_rate", "learning rate": "learning_rate", epochs: "epochs",
  batch_size: "batch_size", "batch size": "batch_size", num_class: "num_class", scale_pos_weight: "scale_pos_weight",
  max_delta_step: "max_delta_step",
};
