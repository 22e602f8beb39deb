import { z } from "zod";

/** The parts of a view_submission we read; values are optional, Slack omits empty fields. */
const ViewSubmission = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }))) }),
  }),
});
type ViewSubmission = z.infer<typeof ViewSubmission>;

const Metadata = z.object({ channelId: z.string().min(1) });

/** The submission and the channel its form was opened from, or undefined when unreadable. */
export function readSubmission(body: unknown): { submission: ViewSubmission; channelId: string; read: (field: { block: string; action: string }) => string | undefined } | undefined {
  const parsed = ViewSubmission.safeParse(body);
  if (!parsed.success) return undefined;
  let metadata: unknown;
  try {
    metadata = JSON.parse(parsed.data.view.private_metadata || "{}");
  } catch {
    return undefined;
  }
  const channel = Metadata.safeParse(metadata);
  if (!channel.success) return undefined;
  const values = parsed.data.view.state.values;
  return {
    submission: parsed.data,
    channelId: channel.data.channelId,
    read: (field) => {
      const entry = values[field.block]?.[field.action];
      const value = entry?.selected_option?.value ?? entry?.value ?? undefined;
      return value?.trim() || undefined;
    },
  };
}
