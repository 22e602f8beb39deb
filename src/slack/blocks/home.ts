import { context, divider, header, type KnownBlock, type Rendered, section } from "./kit.js";

/** The App Home tab: what sageops does, then the person's running and recent resources. */
export function renderHome(options: { backendNote?: string; resources?: readonly KnownBlock[] }): Rendered {
  const blocks: KnownBlock[] = [
    header("sageops"),
    section("Ask me which AWS service fits a stage of your ML lifecycle, plan guarded training and deployments, and follow their status. `/sageops help` lists every command."),
    divider(),
    ...(options.resources ?? []),
  ];
  if (options.backendNote) blocks.push(context(options.backendNote));
  return { text: "sageops home", blocks: blocks.slice(0, 100) };
}
