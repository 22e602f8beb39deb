/**
 * Holds: a test (or, through the control route, another process) asks the sandbox to keep the next
 * SageMaker call of one operation waiting until released, either before SageMaker acts on it (the
 * call is in flight) or after it acted but before the answer goes out (SageMaker answered, the
 * caller has not heard). A released call goes on as usual, whether or not its caller is still there:
 * a request SageMaker received is carried out even if the caller died meanwhile.
 */
import { z } from "zod";

export const HoldRequestSchema = z.object({
  /** A SageMaker operation, e.g. CreateTrainingJob. */
  operation: z.string().regex(/^[A-Z][A-Za-z]+$/, "operation is a SageMaker operation name such as CreateTrainingJob"),
  /** `before`: SageMaker has not acted yet; `after`: it acted, its answer is held back. */
  stage: z.enum(["before", "after"]).default("before"),
  /** Only a call whose request has these top-level string fields (e.g. `{ "TrainingJobName": "x" }`). */
  where: z.record(z.string(), z.string()).optional(),
});
export type HoldRequest = z.input<typeof HoldRequestSchema>;

/** A call caught by a hold. */
export interface HeldCall {
  operation: string;
  stage: "before" | "after";
  /** The call's request, as sent. */
  input: unknown;
}

export interface SandboxHold {
  readonly id: string;
  readonly operation: string;
  readonly stage: "before" | "after";
  /** Resolves once a matching call is held. */
  readonly arrived: Promise<HeldCall>;
  /** True while a call waits on this hold. */
  readonly holding: boolean;
  /** True once released (a hold released before any call came catches none). */
  readonly released: boolean;
  /** Lets the held call go on; a hold released before catching a call is withdrawn. */
  release(): void;
}

interface Hold extends SandboxHold {
  readonly where?: Record<string, string>;
  catch(call: HeldCall): Promise<void>;
}

function matches(where: Record<string, string> | undefined, input: unknown): boolean {
  if (where === undefined) return true;
  if (typeof input !== "object" || input === null) return false;
  const fields = new Map(Object.entries(input));
  return Object.entries(where).every(([key, value]) => fields.get(key) === value);
}

function newHold(id: string, request: z.output<typeof HoldRequestSchema>): Hold {
  let arrive: (call: HeldCall) => void = () => undefined;
  const arrived = new Promise<HeldCall>((resolve) => (arrive = resolve));
  let letGo: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  let holding = false;
  let released = false;
  return {
    id,
    operation: request.operation,
    stage: request.stage,
    where: request.where,
    arrived,
    get holding() {
      return holding;
    },
    get released() {
      return released;
    },
    release() {
      released = true;
      holding = false;
      letGo();
    },
    async catch(call) {
      holding = true;
      arrive(call);
      await gate;
    },
  };
}

export class HoldBook {
  private readonly waiting: Hold[] = [];
  private readonly all = new Map<string, Hold>();
  private counter = 0;

  add(request: HoldRequest): SandboxHold {
    const parsed = HoldRequestSchema.parse(request);
    this.counter += 1;
    const hold = newHold(`hold-${this.counter}`, parsed);
    this.waiting.push(hold);
    this.all.set(hold.id, hold);
    return hold;
  }

  get(id: string): SandboxHold | undefined {
    return this.all.get(id);
  }

  /** Waits on the first unspent hold this call matches, if any; each hold catches one call. */
  async pass(stage: "before" | "after", operation: string, input: unknown): Promise<void> {
    const index = this.waiting.findIndex((hold) => !hold.released && hold.stage === stage && hold.operation === operation && matches(hold.where, input));
    const hold = this.waiting[index];
    if (hold === undefined) return;
    this.waiting.splice(index, 1);
    await hold.catch({ operation, stage, input });
  }

  /** Lets every held call go (the sandbox is closing). */
  releaseAll(): void {
    for (const hold of this.all.values()) hold.release();
  }
}
