/**
 * Where an endpoint's drift alerts go: channels subscribed in Slack (stored, so restarts keep
 * them) and the policy's own watch list. Subscribing follows the policy: a subscriber role in the
 * environment that owns the endpoint.
 */
import { policyWatches, whyCannotSubscribe } from "../guard/drift-access.js";
import type { Policy } from "../guard/policy.js";
import { fail, ok, type Result } from "../kernel/result.js";
import type { DriftStore } from "./drift-store.js";

export interface SubscriptionLine {
  endpoint: string;
  channel: string;
  /** Who subscribed it, or undefined for the policy's watch list. */
  by?: string;
}

export interface DriftSubscriptionsDeps {
  policy: Policy;
  store: DriftStore;
  groupsOf: (userId: string) => Promise<readonly string[]>;
  /** The environment that owns an endpoint (the policy's lists, else its tag), when one does. */
  environmentOf: (endpoint: string) => Promise<string | undefined>;
  now: () => Date;
}

export class DriftSubscriptions {
  constructor(private readonly deps: DriftSubscriptionsDeps) {}

  async subscribe(endpoint: string, channel: string, userId: string): Promise<Result<{ created: boolean }>> {
    const why = await this.whyNot(endpoint, userId);
    if (why) return fail({ what: why, fix: "Ask someone in that role, or an admin." });
    const created = this.deps.store.subscribe(endpoint, channel, userId, this.deps.now());
    return ok({ created }, created ? undefined : `<#${channel}> already gets drift alerts for \`${endpoint}\`.`);
  }

  async unsubscribe(endpoint: string, channel: string, userId: string): Promise<Result<{ removed: boolean }>> {
    const why = await this.whyNot(endpoint, userId);
    if (why) return fail({ what: why, fix: "Ask someone in that role, or an admin." });
    const removed = this.deps.store.unsubscribe(endpoint, channel);
    const fromPolicy = this.policyChannels(endpoint).includes(channel);
    if (!removed && fromPolicy) return fail({ what: `<#${channel}> gets \`${endpoint}\`'s drift alerts from the policy file, not from a subscription.`, fix: "An admin can take it out of the environment's `drift.watch` list." });
    if (!removed) return fail({ what: `<#${channel}> is not subscribed to \`${endpoint}\`.`, fix: "`/sageops drift list` shows every subscription." });
    return ok({ removed }, fromPolicy ? `The policy still sends \`${endpoint}\`'s alerts to <#${channel}>.` : undefined);
  }

  /** Every subscription, optionally in one channel: the stored ones and the policy's. */
  list(channel?: string): SubscriptionLine[] {
    const stored: SubscriptionLine[] = this.deps.store.subscriptions(channel ? { channel } : {}).map((s) => ({ endpoint: s.endpoint, channel: s.channel, by: s.by }));
    const fromPolicy = policyWatches(this.deps.policy).flatMap(({ watch, channels }) => channels.map((c) => ({ endpoint: watch.endpoint, channel: c })));
    const seen = new Set(stored.map((s) => `${s.endpoint}|${s.channel}`));
    return [...stored, ...fromPolicy.filter((s) => (!channel || s.channel === channel) && !seen.has(`${s.endpoint}|${s.channel}`))].sort((a, b) => a.endpoint.localeCompare(b.endpoint) || a.channel.localeCompare(b.channel));
  }

  /** The channels that hear of an endpoint's drift. */
  channelsFor(endpoint: string): string[] {
    return [...new Set([...this.deps.store.subscriptions({ endpoint }).map((s) => s.channel), ...this.policyChannels(endpoint)])];
  }

  /** Every endpoint someone hears drift of. */
  watchedEndpoints(): string[] {
    return [...new Set([...this.deps.store.subscriptions().map((s) => s.endpoint), ...policyWatches(this.deps.policy).map((w) => w.watch.endpoint)])].sort();
  }

  private policyChannels(endpoint: string): string[] {
    return policyWatches(this.deps.policy)
      .filter((w) => w.watch.endpoint === endpoint)
      .flatMap((w) => w.channels);
  }

  private async whyNot(endpoint: string, userId: string): Promise<string | undefined> {
    const environment = await this.deps.environmentOf(endpoint);
    return whyCannotSubscribe(this.deps.policy, environment, { userId, groupIds: await this.deps.groupsOf(userId) }, endpoint);
  }
}
