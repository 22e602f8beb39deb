/**
 * What each command does and how to call it: one list for the help message, the answers to
 * unknown subcommands and the manifest's usage hints, so they cannot drift apart.
 */
export interface CommandUsage {
  /** How a person types it. */
  usage: string;
  /** What it does, in one line. */
  summary: string;
  /** A complete example from the example set-up. */
  example: string;
}

export const SLASH_COMMANDS = ["/train", "/deploy", "/sageops"] as const;

export const TRAIN_USAGE: CommandUsage = {
  usage: "/train <recipe> [data=s3://...] [instance=ml.m5.xlarge] [count=N] [max-runtime=2h] [env=dev] [name=value ...]",
  summary: "Plan a training job from a recipe; runs after you confirm (and an approver approves, where policy says so).",
  example: "/train churn-xgb max_depth=6 env=dev",
};

export const DEPLOY_USAGE: CommandUsage = {
  usage: "/deploy <group>[/<version>|@latest-approved] to <endpoint> [env=prod] [instance=ml.m5.large] [count=N] | /deploy batch <group>[/<version>] input=s3://...",
  summary: "Put a registered model version behind an endpoint, or score a dataset with batch transform.",
  example: "/deploy churn-xgb/1 to churn-prod env=prod",
};

/** `/sageops` subcommands, in the order help lists them. */
export const SAGEOPS_SUBCOMMANDS: Readonly<Record<string, CommandUsage>> = {
  help: { usage: "/sageops help", summary: "This list.", example: "/sageops help" },
  ask: {
    usage: "/sageops ask <question>",
    summary: "Which AWS service fits a step of your ML lifecycle, and why.",
    example: "/sageops ask which service detects data drift?",
  },
  status: {
    usage: "/sageops status [name]",
    summary: "Status of a training job, endpoint or pipeline run; with no name, your active ones.",
    example: "/sageops status churn-prod",
  },
  tune: {
    usage: "/sageops tune <recipe> trials=N parallel=M [name=min..max ...]",
    summary: "Plan an automatic model tuning job from a recipe.",
    example: "/sageops tune churn-xgb trials=20 parallel=4",
  },
  pipeline: {
    usage: "/sageops pipeline start <name> [Param=value ...]",
    summary: "Start a SageMaker Pipelines execution.",
    example: "/sageops pipeline start churn-retrain",
  },
  stop: { usage: "/sageops stop <job-name|pipeline>", summary: "Stop a training or tuning job, or a pipeline's run, that you started (admins: any).", example: "/sageops stop churn-xgb-20261126-101500-ab12" },
  drift: {
    usage: "/sageops drift [endpoint] | subscribe <endpoint> [#channel] | unsubscribe <endpoint> [#channel] | list",
    summary: "Latest drift findings for an endpoint (or this channel's), and which channels get its alerts.",
    example: "/sageops drift subscribe churn-prod #ml-alerts",
  },
  models: {
    usage: "/sageops models [group] [page=N]",
    summary: "Model Registry groups, or a group's versions with status, metrics, who registered them and where they serve.",
    example: "/sageops models churn-xgb",
  },
  compare: {
    usage: "/sageops compare <group>/<version> <group>/<version>",
    summary: "Two model versions side by side: metrics and their difference, hyperparameters and data that differ, where each is live.",
    example: "/sageops compare churn-xgb/1 churn-xgb/2",
  },
  approve: {
    usage: "/sageops approve <group>/<version> [note]",
    summary: "Plan approving a model version in the registry (confirmed, and approved by a second person where policy says so).",
    example: "/sageops approve churn-xgb/2 offline AUC checked",
  },
  reject: { usage: "/sageops reject <group>/<version> [reason]", summary: "Plan rejecting a model version in the registry.", example: "/sageops reject churn-xgb/2 recall too low" },
  features: {
    usage: "/sageops features [search]",
    summary: "Feature Store groups and their features, or those matching the words.",
    example: "/sageops features tenure",
  },
  rollback: { usage: "/sageops rollback <endpoint>", summary: "Return an endpoint to its previous configuration.", example: "/sageops rollback churn-prod" },
  policy: { usage: "/sageops policy", summary: "What the policy allows you, per environment.", example: "/sageops policy" },
  audit: { usage: "/sageops audit [n]", summary: "The latest audit records (admins).", example: "/sageops audit 20" },
  freeze: { usage: "/sageops freeze [reason]", summary: "Stop every mutating action until unfrozen (admins).", example: "/sageops freeze release week" },
  unfreeze: { usage: "/sageops unfreeze", summary: "Allow mutating actions again (admins).", example: "/sageops unfreeze" },
};
