import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { z } from "zod";
import type { Problem } from "../../kernel/result.js";
import type { Logger } from "../../logger.js";
import type { Rendered } from "../blocks/kit.js";
import { renderProblem } from "../blocks/notice.js";
import { answerOrApologise } from "../errors.js";

/**
 * One button's listener: ack, read the click with its schema (a click that does not fit gets
 * `unreadable`), do the work, and tell the clicker privately when there is something to say.
 */
export function onButton<T>(
  app: App,
  actionId: string | RegExp,
  options: { schema: z.ZodType<T>; unreadable: Problem; logger: Logger },
  work: (click: T, client: App["client"], respond: RespondFn) => Promise<Rendered>,
): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, respond, client }) => {
    const click = options.schema.safeParse(body);
    await ack();
    await answerOrApologise(
      options.logger,
      async (message) => {
        if (message.text !== "") await respond({ response_type: "ephemeral", replace_original: false, ...message });
      },
      async () => (click.success ? work(click.data, client, respond) : renderProblem(options.unreadable)),
    );
  });
}
