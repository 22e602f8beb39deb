import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";

const CACHE_MS = 5 * 60 * 1000;

/**
 * Which of the policy's Slack user groups a person is in. Slack lists a group's members, not a
 * person's groups, so each group the policy names is listed (and kept for five minutes). A
 * group that cannot be listed counts as not containing the person: roles fail closed.
 */
export class UserGroupDirectory {
  private readonly members = new Map<string, { users: ReadonlySet<string>; until: number }>();

  constructor(
    private readonly groupIds: readonly string[],
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async groupsOf(userId: string): Promise<string[]> {
    const found: string[] = [];
    for (const group of this.groupIds) {
      if ((await this.membersOf(group)).has(userId)) found.push(group);
    }
    return found;
  }

  private async membersOf(group: string): Promise<ReadonlySet<string>> {
    const cached = this.members.get(group);
    if (cached && cached.until > this.now()) return cached.users;
    try {
      const result = await this.client.usergroups.users.list({ usergroup: group });
      const users = new Set(result.users ?? []);
      this.members.set(group, { users, until: this.now() + CACHE_MS });
      return users;
    } catch (error) {
      this.logger.warn({ err: error, group }, "could not list a Slack user group; its members are treated as outside it");
      return new Set();
    }
  }
}
