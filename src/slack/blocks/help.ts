import { type CommandUsage, DEPLOY_USAGE, SAGEOPS_SUBCOMMANDS, TRAIN_USAGE } from "../commands/usage.js";
import { context, divider, header, type KnownBlock, type Rendered, section } from "./kit.js";

function usageLine(command: CommandUsage): string {
  return `*\`${command.usage}\`*\n${command.summary}\n_e.g._ \`${command.example}\``;
}

/** The help message: what sageops does and every command with an example. */
export function renderHelp(options: { backendNote?: string } = {}): Rendered {
  const subcommands = Object.values(SAGEOPS_SUBCOMMANDS);
  const blocks: KnownBlock[] = [
    header("sageops: your SageMaker ML lifecycle assistant"),
    section(
      "I answer which AWS service fits each stage of the ML lifecycle, run training and deployments after a person confirms them (and an approver approves, where policy says so), and report their status back here.",
    ),
    divider(),
    section(`*Actions*\n${usageLine(TRAIN_USAGE)}\n\n${usageLine(DEPLOY_USAGE)}`),
    section(`*\`/sageops\` subcommands*\n${subcommands.slice(0, 6).map(usageLine).join("\n\n")}`),
    section(subcommands.slice(6).map(usageLine).join("\n\n")),
    divider(),
    section(
      "*Plain words work too.* Mention me in a channel or message me directly: _which service detects data drift?_, _train churn-xgb with max_depth 6_, _is churn-prod healthy?_",
    ),
  ];
  if (options.backendNote) blocks.push(context(options.backendNote));
  const text = [
    "sageops help: I answer ML lifecycle questions, run guarded SageMaker actions and report their status.",
    `${TRAIN_USAGE.usage} (e.g. ${TRAIN_USAGE.example})`,
    `${DEPLOY_USAGE.usage} (e.g. ${DEPLOY_USAGE.example})`,
    ...subcommands.map((command) => `${command.usage}: ${command.summary}`),
  ].join("\n");
  return { text, blocks };
}
