import { StoreUnavailable } from "../kernel/store-errors.js";
import type { Logger } from "../logger.js";
import { type Rendered, safeOutgoing } from "./blocks/kit.js";
import { renderProblem } from "./blocks/notice.js";

/**
 * Runs a listener's slow work after its ack; a failure is logged with a reference and the
 * person is told in one line that it failed on our side, never left without an answer.
 */
export async function answerOrApologise(logger: Logger, reply: (message: Rendered) => Promise<unknown>, work: () => Promise<Rendered>): Promise<void> {
  let message: Rendered;
  try {
    message = await work();
  } catch (error) {
    const reference = Math.random().toString(36).slice(2, 10);
    logger.error({ err: error, reference }, "listener failed");
    message =
      error instanceof StoreUnavailable
        ? renderProblem({ what: `My database is not answering right now, so I did not do that (reference ${reference}); nothing was changed.`, fix: "Try again in a minute; if it keeps failing, give the reference to whoever runs sageops." })
        : renderProblem({ what: `Something went wrong on my side (reference ${reference}).`, fix: "Try again in a moment; if it keeps failing, give the reference to whoever runs sageops." });
  }
  // An empty message means the work already answered (a posted plan, an opened form).
  if (message.text === "" && message.blocks.length === 0) return;
  try {
    await reply(safeOutgoing(message));
  } catch (error) {
    logger.error({ err: error }, "could not deliver a reply to Slack");
  }
}
