/**
 * New model versions announced: each group the policy links to channels is read every round (and
 * at once when SageMaker's events say a package changed); a version newer than the last one read
 * gets one message per channel, with its metrics against the approved version and buttons that
 * plan (they do not act). Versions that existed when the bot first read a group are not announced.
 */
import type { Policy } from "../guard/policy.js";
import type { SageMakerPort } from "../kernel/sagemaker-port.js";
import type { ModelRegistryView, VersionFacts } from "./model-registry.js";

/** Where announcing stands, in the store, so a restart or a second process neither misses nor repeats one. */
export interface AnnouncementStore {
  /** The newest version of the group read so far; undefined before the group was first read. */
  position(group: string): number | undefined;
  advance(group: string, version: number, now: Date): void;
  /**
   * True when this caller may announce this version in this channel: the first to ask, or the
   * first after a claim made before `staleBefore` whose message never got out (a crash, or Slack failed).
   */
  claim(group: string, channel: string, version: number, now: Date, staleBefore: Date): boolean;
  posted(group: string, channel: string, version: number, ts: string): void;
  /** True once the version's message in this channel is out. */
  announced(group: string, channel: string, version: number): boolean;
}

/** How long a claimed announcement is left to its claimer before another round may post it (the poster looks for it first). */
const CLAIM_LEASE_MS = 120_000;

export interface VersionReporter {
  announce(channel: string, version: VersionFacts, approved: VersionFacts | undefined): Promise<{ ts: string }>;
}

export interface VersionAnnouncerDeps {
  policy: Policy;
  port: Pick<SageMakerPort, "listModelPackages">;
  registry: Pick<ModelRegistryView, "version">;
  store: AnnouncementStore;
  reporter: VersionReporter;
  now: () => Date;
  onError: (error: unknown, group: string) => void;
  intervalMs?: number;
}

export class VersionAnnouncer {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: VersionAnnouncerDeps) {}

  /** The groups announced, with their channels. */
  private groups(): [string, string[]][] {
    return Object.entries(this.deps.policy.modelGroups).flatMap(([group, entry]) => (entry.channels.length > 0 ? [[group, entry.channels] as [string, string[]]] : []));
  }

  start(): void {
    if (this.timer || this.groups().length === 0) return;
    void this.wake();
    this.timer = setInterval(() => void this.wake(), this.deps.intervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round now (joining the one under way), e.g. when an event says a package changed. */
  wake(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    for (const [group, channels] of this.groups()) {
      try {
        await this.readGroup(group, channels);
      } catch (error) {
        this.deps.onError(error, group);
      }
    }
  }

  private async readGroup(group: string, channels: readonly string[]): Promise<void> {
    const { store } = this.deps;
    const versions = (await this.deps.port.listModelPackages(group)).flatMap((p) => (p.ModelPackageVersion !== undefined ? [{ version: p.ModelPackageVersion, status: p.ModelApprovalStatus }] : []));
    const newest = Math.max(0, ...versions.map((v) => v.version));
    const position = store.position(group);
    if (position === undefined) {
      store.advance(group, newest, this.deps.now());
      return;
    }
    const fresh = versions.filter((v) => v.version > position).sort((a, b) => a.version - b.version);
    for (const { version } of fresh) {
      const facts = await this.deps.registry.version({ group, version });
      if (!facts.ok) throw new Error(`${group}/${version}: ${facts.problem.what}`);
      const approvedVersion = versions.filter((v) => v.status === "Approved" && v.version !== version).sort((a, b) => b.version - a.version)[0]?.version;
      const approved = approvedVersion !== undefined ? await this.deps.registry.version({ group, version: approvedVersion }) : undefined;
      for (const channel of channels) {
        const now = this.deps.now();
        if (!store.claim(group, channel, version, now, new Date(now.getTime() - CLAIM_LEASE_MS))) continue;
        const { ts } = await this.deps.reporter.announce(channel, facts.value, approved?.ok ? approved.value : undefined);
        store.posted(group, channel, version, ts);
      }
      // Read past only once out everywhere: a claim another process holds, or one whose post failed, is looked at again next round.
      if (!channels.every((channel) => store.announced(group, channel, version))) return;
      store.advance(group, version, this.deps.now());
    }
  }
}
