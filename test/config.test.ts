import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

function problem(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("configuration from the environment", () => {
  it("with no Slack credentials picks the console, with the documented defaults", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("console");
    expect(config.port).toBe(3000);
    expect(config.dbPath).toBe("./data/sageops.db");
    expect(config.policyPath).toBe("./policy.yml");
    expect(config.dryRun).toBe(false);
    expect(config.aws.configured).toBe(false);
  });

  it("picks Socket Mode with an app token and HTTP with a signing secret", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).mode).toBe("socket");
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).mode).toBe("http");
  });

  it("a bot token alone names the missing variable", () => {
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1" }).variable).toBe("SLACK_APP_TOKEN");
  });

  it("an app token without a bot token names SLACK_BOT_TOKEN", () => {
    expect(problem({ SLACK_APP_TOKEN: "xapp-1" }).variable).toBe("SLACK_BOT_TOKEN");
  });

  it("reads booleans as people write them: 'false' is false", () => {
    expect(loadConfig({ SAGEOPS_DRY_RUN: "false" }).dryRun).toBe(false);
    expect(loadConfig({ SAGEOPS_DRY_RUN: "true" }).dryRun).toBe(true);
    expect(problem({ SAGEOPS_DRY_RUN: "perhaps" }).variable).toBe("SAGEOPS_DRY_RUN");
  });

  it("names bad values without quoting them", () => {
    const error = problem({ SLACK_BOT_TOKEN: "secret-value-123", SLACK_SIGNING_SECRET: "s" });
    expect(error.variable).toBe("SLACK_BOT_TOKEN");
    expect(error.message).not.toContain("secret-value-123");
    expect(problem({ PORT: "eighty" }).variable).toBe("PORT");
    expect(problem({ PORT: "70000" }).variable).toBe("PORT");
    expect(problem({ SLACK_API_URL: "not a url" }).variable).toBe("SLACK_API_URL");
    expect(problem({ LOG_LEVEL: "loud" }).variable).toBe("LOG_LEVEL");
    expect(problem({ AWS_REGION: "mars" }).variable).toBe("AWS_REGION");
  });

  it("honours the SDK's standard endpoint overrides, the service-specific one first", () => {
    const config = loadConfig({ AWS_ENDPOINT_URL: "http://127.0.0.1:9000", AWS_ENDPOINT_URL_SAGEMAKER: "http://127.0.0.1:9100" });
    expect(config.aws.endpoints.sagemaker).toBe("http://127.0.0.1:9100");
    expect(config.aws.endpoints.s3).toBe("http://127.0.0.1:9000");
    expect(config.aws.configured).toBe(true);
  });

  it("gives SLACK_API_URL a trailing slash so Web API method names append cleanly", () => {
    expect(loadConfig({ SLACK_API_URL: "http://127.0.0.1:4000/api" }).slack.apiUrl).toBe("http://127.0.0.1:4000/api/");
  });
});
