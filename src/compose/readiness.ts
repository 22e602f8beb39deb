/**
 * What `GET /readyz` answers in HTTP mode: whether this process can do its work now. Ready when
 * the store, Slack and SageMaker each answered a cheap call; the watcher lease only says who runs
 * the background watchers. Slack's and SageMaker's answers are kept a while (30 s when they were
 * fine, 5 s when not), so probes cannot hammer either. What went wrong is said by codes only
 * (`invalid_auth`, `AccessDeniedException`, `ECONNREFUSED`): never a message, an URL or a token.
 */
import { z } from "zod";
import { SageMakerError } from "../kernel/sagemaker-port.js";
import { SlackRateLimited, SlackRefused, toSlackError } from "../slack/notify/errors.js";

export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export interface WatcherLease {
  /** Who holds the lease to run the watchers (a process's id), when someone does. */
  holder?: string;
  /** True when this process runs them. */
  self: boolean;
}

export interface ReadinessReport {
  ready: boolean;
  checks: { store: CheckResult; slack: CheckResult; sagemaker: CheckResult; watcher: WatcherLease };
}

export interface ReadinessInputs {
  /** A trivial read through the store (`SELECT 1`); throws or rejects when the store cannot answer. */
  store: () => unknown;
  /** `auth.test` through the bot's Web API client. */
  slack: () => Promise<unknown>;
  /** One cheap read through the SageMaker port. */
  sagemaker: () => Promise<unknown>;
  /** Who runs the watchers: undefined when nobody holds the lease now. Without this function, this process runs them. */
  watcherLease?: () => { holder: string; self: boolean } | undefined;
  /** How long an answer from Slack or SageMaker is kept: `ok` ones 30 s, failures 5 s. */
  keepMs?: { ok: number; failed: number };
  /** How long one check may take before it counts as not answering (default 2 s: the receiver answers every request within 3.5 s). */
  timeoutMs?: number;
  now?: () => number;
  /** The lease could not be read. */
  onLeaseError?: (error: unknown) => void;
}

const KEEP_MS = { ok: 30_000, failed: 5_000 };
const TIMEOUT_MS = 2_000;

/** A name or code as a service sent it, shown only when it looks like one. */
const CodeLike = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);
/** A Node network error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT...), somewhere on an error's cause chain. */
const NetworkError = z.object({ code: z.string().regex(/^E[A-Z0-9_]{2,31}$/) });
const WithCause = z.object({ cause: z.unknown() });

function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const network = NetworkError.safeParse(current);
    if (network.success) return network.data.code;
    // The Web API client's request error keeps the network error as `original`.
    const original = z.object({ original: z.unknown() }).safeParse(current);
    const next = WithCause.safeParse(current);
    current = next.success && next.data.cause !== undefined ? next.data.cause : original.success ? original.data.original : undefined;
  }
  return undefined;
}

class TimedOut extends Error {}

function withTimeout<T>(work: () => T | Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimedOut()), ms);
    timer.unref();
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

export function describeStoreError(error: unknown, timeoutMs: number): string {
  if (error instanceof TimedOut) return `the store did not answer within ${timeoutMs / 1000} s`;
  const network = networkCodeOf(error);
  if (network) return `the store could not be reached (${network})`;
  const code = z.object({ code: CodeLike }).safeParse(error);
  return code.success ? `the store could not be read (${code.data.code})` : "the store could not be read";
}

export function describeSlackError(error: unknown, timeoutMs: number): CheckResult {
  if (error instanceof TimedOut) return { ok: false, detail: `Slack did not answer auth.test within ${timeoutMs / 1000} s` };
  const typed = toSlackError("auth.test", error);
  // Slack answered: it is there, and the token is not refused; the next check asks again.
  if (typed instanceof SlackRateLimited) return { ok: true, detail: "Slack is rate-limiting auth.test" };
  if (typed instanceof SlackRefused) return { ok: false, detail: `Slack refused auth.test: ${CodeLike.safeParse(typed.code).success ? typed.code : "an unreadable code"}` };
  const network = networkCodeOf(error);
  return { ok: false, detail: network ? `Slack could not be reached (${network})` : "Slack could not be reached" };
}

export function describeSageMakerError(error: unknown, timeoutMs: number): string {
  if (error instanceof TimedOut) return `SageMaker did not answer within ${timeoutMs / 1000} s`;
  const network = networkCodeOf(error);
  if (network) return `SageMaker could not be reached (${network})`;
  if (error instanceof SageMakerError) {
    const name = CodeLike.safeParse(error.awsName);
    return name.success && name.data !== "Error" ? `SageMaker answered ${name.data} (${error.code})` : `SageMaker failed (${error.code})`;
  }
  return "SageMaker failed";
}

/** One check's answer, kept a while; callers arriving while it runs share the one call. */
function keptCheck(run: () => Promise<CheckResult>, keepMs: { ok: number; failed: number }, now: () => number): () => Promise<CheckResult> {
  let kept: { result: CheckResult; until: number } | undefined;
  let running: Promise<CheckResult> | undefined;
  return () => {
    if (kept && now() < kept.until) return Promise.resolve(kept.result);
    if (!running) {
      running = run()
        .then((result) => {
          kept = { result, until: now() + (result.ok ? keepMs.ok : keepMs.failed) };
          return result;
        })
        .finally(() => {
          running = undefined;
        });
    }
    return running;
  };
}

/** The readiness check `GET /readyz` answers with. */
export function createReadiness(inputs: ReadinessInputs): () => Promise<ReadinessReport> {
  const now = inputs.now ?? Date.now;
  const keepMs = inputs.keepMs ?? KEEP_MS;
  const timeoutMs = inputs.timeoutMs ?? TIMEOUT_MS;
  const slack = keptCheck(
    () =>
      withTimeout(inputs.slack, timeoutMs).then(
        (): CheckResult => ({ ok: true }),
        (error: unknown) => describeSlackError(error, timeoutMs),
      ),
    keepMs,
    now,
  );
  const sagemaker = keptCheck(
    () =>
      withTimeout(inputs.sagemaker, timeoutMs).then(
        (): CheckResult => ({ ok: true }),
        (error: unknown): CheckResult => ({ ok: false, detail: describeSageMakerError(error, timeoutMs) }),
      ),
    keepMs,
    now,
  );
  const store = (): Promise<CheckResult> =>
    withTimeout(inputs.store, timeoutMs).then(
      (): CheckResult => ({ ok: true }),
      (error: unknown): CheckResult => ({ ok: false, detail: describeStoreError(error, timeoutMs) }),
    );
  const watcher = (): WatcherLease => {
    if (!inputs.watcherLease) return { self: true };
    try {
      const lease = inputs.watcherLease();
      return lease ? { holder: lease.holder, self: lease.self } : { self: false };
    } catch (error) {
      inputs.onLeaseError?.(error);
      return { self: false };
    }
  };
  return async () => {
    const [storeCheck, slackCheck, sagemakerCheck] = await Promise.all([store(), slack(), sagemaker()]);
    return { ready: storeCheck.ok && slackCheck.ok && sagemakerCheck.ok, checks: { store: storeCheck, slack: slackCheck, sagemaker: sagemakerCheck, watcher: watcher() } };
  };
}
