# sageops in HTTP mode (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET), answering on $PORT.
# The bot runs its TypeScript sources through tsx, a production dependency: there is nothing to
# compile, so the image is the sources plus production node_modules.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 is a native module: its install script fetches a prebuilt binary and compiles
# one with node-gyp when it cannot (no access to GitHub, no binary for the platform).
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Install scripts must run (better-sqlite3's build, esbuild's binary check for tsx); npm versions
# that enforce package.json's allowScripts find both allowed there.
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Same base as the build stage, so the native binary matches the runtime's Node and glibc.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY prompts ./prompts
# The sandbox's policy when no AWS is configured (src/compose/policy.ts).
COPY policy.example.yml ./
# SAGEOPS_DB defaults to ./data/sageops.db: the node user must own the directory (and the volume).
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 3000
# Slim images have no curl; Node 20's fetch asks /healthz (HTTP mode only: Socket Mode has no port).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly, not npm start: it gets SIGTERM from docker stop and shuts down cleanly.
CMD ["node", "bin/sageops.mjs", "start"]
