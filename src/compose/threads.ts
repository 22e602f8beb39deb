/**
 * What a thread is about, for "it" in it (src/interpret/references.ts): the resource tracked last
 * in the thread, else the one its plan will start. Both are read from the store.
 */
import type { ThreadSubjects } from "../interpret/references.js";
import type { SqlPlanRepository } from "../store/plans.js";
import type { SqlTrackedStore } from "../store/tracked.js";

export function threadSubjects(store: Pick<SqlTrackedStore, "latestInThread">, plans: Pick<SqlPlanRepository, "byMessage">): ThreadSubjects {
  return {
    subjectOf(channel, threadTs) {
      const tracked = store.latestInThread(channel, threadTs);
      if (tracked) return { type: tracked.resource.type, name: tracked.resource.name };
      const planned = plans.byMessage(channel, threadTs)?.track;
      return planned ? { type: planned.type, name: planned.name } : undefined;
    },
  };
}
