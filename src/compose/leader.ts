/**
 * One watcher at a time: status tracking, the events queue, drift watching and new-version
 * announcements run on the one replica holding the watcher lease in the store. Every replica
 * asks for it a few times a lease period; when the holder dies, another takes it within a period
 * and goes on from what the store holds (tracked resources, drift positions, announcements), so
 * nothing is missed and nothing posted twice. Slack requests are served by every replica.
 */
import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import type { SqlLeases } from "../store/leases.js";

export const WATCHER_LEASE = "watcher";
/** How long a holder that stops renewing keeps the watchers: how long a dead replica's watchers stay quiet. */
export const WATCHER_LEASE_MS = 15_000;

export interface WatcherLeadershipDeps {
  leases: Pick<SqlLeases, "hold" | "release" | "holder">;
  logger: Logger;
  /** Starts the watchers; returns what stops them. */
  startWatchers: () => (() => unknown)[];
  now?: () => Date;
  ttlMs?: number;
}

export class WatcherLeadership {
  /** This process, as the lease names it. */
  readonly self = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private stops: (() => unknown)[] | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: WatcherLeadershipDeps) {}

  private get ttl(): number {
    return this.deps.ttlMs ?? WATCHER_LEASE_MS;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Asks for the lease now and every third of a period; returns the stop (which lets go of it). */
  begin(): () => Promise<void> {
    this.tick();
    this.timer = setInterval(() => this.tick(), Math.max(1000, Math.floor(this.ttl / 3)));
    this.timer.unref();
    return async () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      await this.stopWatchers();
      try {
        this.deps.leases.release(WATCHER_LEASE, this.self);
      } catch (error) {
        this.deps.logger.warn({ err: error }, "could not let go of the watcher lease; another replica takes it when it runs out");
      }
    };
  }

  /** Who runs the watchers now, for /readyz. */
  current(): { holder?: string; self: boolean } {
    try {
      const holder = this.deps.leases.holder(WATCHER_LEASE, this.now());
      return { holder, self: holder === this.self };
    } catch {
      return { self: this.stops !== undefined };
    }
  }

  private tick(): void {
    let held: boolean;
    try {
      held = this.deps.leases.hold(WATCHER_LEASE, this.self, this.now(), this.ttl);
    } catch (error) {
      // The store cannot say: watchers stop rather than risk running beside another replica's.
      this.deps.logger.warn({ err: error }, "could not renew the watcher lease; watchers pause until the store answers");
      held = false;
    }
    if (held && !this.stops) {
      this.deps.logger.info({ holder: this.self }, "this replica runs the watchers");
      this.stops = this.deps.startWatchers();
    } else if (!held && this.stops) {
      this.deps.logger.info({ holder: this.self }, "another replica runs the watchers now");
      void this.stopWatchers();
    }
  }

  private async stopWatchers(): Promise<void> {
    const stops = this.stops ?? [];
    this.stops = undefined;
    for (const stop of stops) await stop();
  }
}
