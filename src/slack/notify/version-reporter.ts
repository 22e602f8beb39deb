/** New model versions announced in Slack, through the paced poster. */
import type { VersionFacts } from "../../actions/model-registry.js";
import type { VersionReporter } from "../../actions/version-announcer.js";
import { renderNewVersion } from "../blocks/models.js";
import type { SlackPoster } from "./poster.js";

export class SlackVersionReporter implements VersionReporter {
  constructor(private readonly poster: SlackPoster) {}

  announce(channel: string, version: VersionFacts, approved: VersionFacts | undefined): Promise<{ ts: string }> {
    // Announced again after a crash or by a second process: found under its key, not repeated.
    return this.poster.post(channel, renderNewVersion(version, approved), { key: `new-version:${channel}:${version.arn}`, lookFirst: true });
  }
}
