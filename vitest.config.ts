import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One PostgreSQL for the run, when there is one (test/support/postgres-setup.ts).
    globalSetup: ["test/support/postgres-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration suites start servers on ephemeral loopback ports; two cores, so keep the pool small.
    maxWorkers: 2,
    // The SDK's notice that its future releases need Node 22 (sageops targets Node 20 with a locked SDK).
    // Fixed credentials for the SDK's standard chain: every AWS call in the tests goes to a loopback fake.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" },
  },
});
