import type { AlternativeCard, Answer, ComparisonSide, ScenarioStep, ServiceCard } from "../../catalog/answer.js";
import { context, defuseBroadcasts, divider, escapeMrkdwn, header, type KnownBlock, lineSections, type Rendered, section, withinBlockLimit } from "./kit.js";

function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label)}>`;
}

function serviceLink(service: ServiceCard): string {
  return link(service.docUrl, service.name);
}

/** ":warning: closed to new customers" lines for a service, with what a new account uses instead. */
function availabilityMarkdown(service: ServiceCard): string | undefined {
  const availability = service.availability;
  if (availability === undefined) return undefined;
  const guide = availability.guideUrl === undefined ? "" : ` (${link(availability.guideUrl, "AWS guidance")})`;
  return `:warning: *Availability:* ${escapeMrkdwn(availability.note)}\n*A new AWS account would use instead:* ${escapeMrkdwn(availability.newAccountsUse)}${guide}`;
}

function availabilityText(service: ServiceCard): string | undefined {
  const availability = service.availability;
  if (availability === undefined) return undefined;
  return `Availability: ${availability.note} A new AWS account would use instead: ${availability.newAccountsUse}${availability.guideUrl === undefined ? "" : ` (${availability.guideUrl})`}`;
}

function restrictedMark(service: ServiceCard): string {
  return service.availability === undefined ? "" : " _(closed to new customers)_";
}

function alternativeMarkdown(alternative: AlternativeCard): string {
  const name = alternative.service === undefined ? `*${escapeMrkdwn(alternative.name)}*` : `*${link(alternative.service.docUrl, alternative.name)}*`;
  return `*Alternative:* ${name}, better when ${escapeMrkdwn(alternative.betterWhen)}`;
}

function renderService(answer: Extract<Answer, { kind: "service" }>): Rendered {
  const { service, alternative, related, focus } = answer;
  const stage = service.stage;
  const title = focus === "stage" ? `${service.name}: ${stage.name} stage` : service.name;
  const stageLine = focus === "stage" ? `*${escapeMrkdwn(service.name)}* is part of *${escapeMrkdwn(stage.name)}*: ${escapeMrkdwn(stage.summary)}` : `*Stage:* ${escapeMrkdwn(stage.name)}`;
  const blocks: KnownBlock[] = [
    header(title),
    section(`${stageLine}\n*What it is for:* ${escapeMrkdwn(service.purpose)}`),
    section(`*Choose it when:* ${escapeMrkdwn(service.chooseWhen)}\n*Not the best fit when:* ${escapeMrkdwn(service.avoidWhen)}`),
  ];
  const availability = availabilityMarkdown(service);
  if (availability) blocks.push(section(availability));
  if (alternative) blocks.push(section(alternativeMarkdown(alternative)));
  const links = [`:book: ${serviceLink(service)} documentation`];
  if (related.length > 0) links.push(`Related: ${related.map(serviceLink).join(" · ")}`);
  blocks.push(context(...links));

  const text = [
    `${service.name} (${stage.name} stage): ${service.purpose}`,
    `Choose it when: ${service.chooseWhen}`,
    availabilityText(service),
    alternative ? `Alternative: ${alternative.name}, better when ${alternative.betterWhen}${alternative.service ? ` (${alternative.service.docUrl})` : ""}` : undefined,
    `Docs: ${service.docUrl}`,
  ]
    .filter((line): line is string => line !== undefined)
    .join("\n");
  return { text, blocks: withinBlockLimit(blocks) };
}

function renderStage(answer: Extract<Answer, { kind: "stage" }>): Rendered {
  const { stage, services } = answer;
  const lines = services.map((service, index) => `${index === 0 ? ":star: " : "• "}*${serviceLink(service)}*${restrictedMark(service)}: ${escapeMrkdwn(service.purpose)}`);
  const blocks: KnownBlock[] = [header(`${stage.name} stage`), section(escapeMrkdwn(stage.summary)), section(lines.join("\n"))];
  const restricted = services.filter((service) => service.availability !== undefined);
  for (const service of restricted) {
    const availability = availabilityMarkdown(service);
    if (availability) blocks.push(context(`*${escapeMrkdwn(service.name)}*: ${availability}`));
  }
  const lead = services[0];
  const text = [
    `${stage.name} stage: ${stage.summary}`,
    ...(lead ? [`Start with ${lead.name} (${lead.docUrl}).`] : []),
    ...services.map((service) => `- ${service.name}${service.availability ? " (closed to new customers)" : ""}: ${service.docUrl}`),
  ].join("\n");
  return { text, blocks: withinBlockLimit(blocks) };
}

function sideMarkdown(side: ComparisonSide): string {
  return `*${serviceLink(side.service)}*: the better pick when ${escapeMrkdwn(side.winsWhen)}`;
}

function renderCompare(answer: Extract<Answer, { kind: "compare" }>): Rendered {
  const [first, second] = answer.sides;
  const blocks: KnownBlock[] = [header(`${first.service.name} or ${second.service.name}?`), section(sideMarkdown(first)), section(sideMarkdown(second))];
  for (const side of answer.sides) {
    const availability = availabilityMarkdown(side.service);
    if (availability) blocks.push(section(`*${escapeMrkdwn(side.service.name)}*: ${availability}`));
  }
  const stageNote = answer.stage ? `Both serve the *${escapeMrkdwn(answer.stage.name)}* stage.` : `Different stages: ${escapeMrkdwn(first.service.stage.name)} and ${escapeMrkdwn(second.service.stage.name)}.`;
  blocks.push(context(stageNote, `:book: ${serviceLink(first.service)} · ${serviceLink(second.service)}`));
  const text = [
    `${first.service.name} or ${second.service.name}?`,
    `${first.service.name}: the better pick when ${first.winsWhen} (${first.service.docUrl})`,
    `${second.service.name}: the better pick when ${second.winsWhen} (${second.service.docUrl})`,
    ...answer.sides.map((side) => availabilityText(side.service)).filter((line): line is string => line !== undefined),
  ].join("\n");
  return { text, blocks: withinBlockLimit(blocks) };
}

function renderLifecycle(answer: Extract<Answer, { kind: "lifecycle" }>): Rendered {
  const blocks: KnownBlock[] = [header("The ML lifecycle on SageMaker: six stages")];
  const textLines = ["The ML lifecycle on SageMaker, stage by stage:"];
  answer.stages.forEach(({ stage, canonical, family }, index) => {
    const main = canonical.map((service) => `*${serviceLink(service)}*${restrictedMark(service)}`).join(" and ");
    const also = family.length > 0 ? `\n_Also:_ ${family.map((service) => `${serviceLink(service)}${restrictedMark(service)}`).join(" · ")}` : "";
    blocks.push(section(`*${index + 1}. ${escapeMrkdwn(stage.name)}*: ${escapeMrkdwn(stage.summary)}\n${main}${also}`));
    const names = canonical.map((service) => `${service.name} (${service.docUrl})`).join(", ");
    textLines.push(`${index + 1}. ${stage.name}: ${names}${family.length > 0 ? `; also ${family.map((service) => service.name).join(", ")}` : ""}`);
  });
  const restricted = answer.stages.flatMap(({ canonical, family }) => [...canonical, ...family]).filter((service) => service.availability !== undefined);
  if (restricted.length > 0) {
    const names = restricted.map((service) => service.name).join(", ");
    blocks.push(divider(), context(`:warning: ${escapeMrkdwn(names)} are no longer open to new AWS customers. Ask about any of them to see what a new account uses instead.`));
    textLines.push(`Closed to new AWS customers: ${names}.`);
  }
  return { text: textLines.join("\n"), blocks: withinBlockLimit(blocks) };
}

function stepMarkdown(step: ScenarioStep, index: number): string {
  const services = [step.service, ...(step.companion ? [step.companion] : [])].map((service) => `*${serviceLink(service)}*`).join(" + ");
  const availability = step.service.availability ? `\n_${escapeMrkdwn(step.service.name)} is closed to new customers: a new account would use ${escapeMrkdwn(step.service.availability.newAccountsUse)}_` : "";
  return `*${index + 1}. ${escapeMrkdwn(step.title)}*: ${services}\n${escapeMrkdwn(step.detail)}${availability}`;
}

function renderScenario(answer: Extract<Answer, { kind: "scenario" }>): Rendered {
  const blocks: KnownBlock[] = [
    header("From raw data in S3 to a monitored model"),
    section("For raw data in S3, a custom classifier and a managed workflow, the path through SageMaker is:"),
    ...answer.steps.map((step, index) => section(stepMarkdown(step, index))),
  ];
  const text = [
    "From raw data in S3 to a monitored model:",
    ...answer.steps.map((step, index) => {
      const names = [step.service, ...(step.companion ? [step.companion] : [])].map((service) => `${service.name} (${service.docUrl})`).join(" + ");
      const restricted = step.service.availability ? ` Note: ${step.service.name} is closed to new customers; a new account would use ${step.service.availability.newAccountsUse}` : "";
      return `${index + 1}. ${step.title}: ${names}. ${step.detail}${restricted}`;
    }),
  ].join("\n");
  return { text, blocks: withinBlockLimit(blocks) };
}

function renderCapabilities(answer: Extract<Answer, { kind: "capabilities" }>): Rendered {
  const intro = "Sorry, I can't help with that one. Here is what I can do:";
  const list = answer.capabilities.map((item) => `• ${escapeMrkdwn(item)}`).join("\n");
  const examples = answer.examples.map((example) => `\`${escapeMrkdwn(example)}\``).join(" · ");
  const blocks: KnownBlock[] = [section(`${intro}\n${list}`), context(`Try: ${examples}`)];
  const text = `${intro}\n${answer.capabilities.map((item) => `- ${item}`).join("\n")}\nTry: ${answer.examples.join(", ")}`;
  return { text, blocks };
}

/** Renders a composed answer as a Slack message: the plain-text fallback and the Block Kit blocks. */
export function renderAnswer(answer: Answer): Rendered {
  switch (answer.kind) {
    case "service":
      return renderService(answer);
    case "stage":
      return renderStage(answer);
    case "compare":
      return renderCompare(answer);
    case "lifecycle":
      return renderLifecycle(answer);
    case "scenario":
      return renderScenario(answer);
    case "capabilities":
      return renderCapabilities(answer);
  }
}

/** An answer the language model worded from the catalogue entries (already checked against them). */
export function renderWrittenAnswer(text: string): Rendered {
  const safe = defuseBroadcasts(text);
  return { text: safe, blocks: [...lineSections(safe.split("\n")), context("Worded by the language model from the sageops catalogue.")] };
}
