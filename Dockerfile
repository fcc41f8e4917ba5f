# syntax=docker/dockerfile:1
# Songloft in a container: `docker compose up -d` with compose.yaml, or
#   docker build -t songloft . && docker run -p 3000:3000 -v songloft-data:/data songloft
# See docs/deploy.md. The checks in tests/integration/dockerfile.test.ts and
# tests/e2e/deploy-nginx.spec.ts keep this file honest without a container engine.

# Dependencies, with the toolchain better-sqlite3 compiles with when no prebuilt
# binary fits.
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The production build.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build && rm -rf .next/cache

# Only the runtime dependencies (tsx stays: `npm start` and the CLI run on it).
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    DATA_DIR=/data \
    PORT=3000 \
    HOSTNAME=0.0.0.0
WORKDIR /app
# What `npm start` and `npm run cli` read at run time: the build, the migrations,
# the server-side sources the CLI runs with tsx, and the configuration files.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.mjs ./
COPY --from=build /app/.next ./.next
COPY --from=build /app/lib ./lib
COPY --from=build /app/drizzle ./drizzle
# The database, media archive and generated secret live in the volume, owned by
# the unprivileged `node` user the server runs as; Next.js may keep a runtime
# cache beside the build. `npm start` builds again when a source looks newer than
# the build; the build was made from exactly these sources, whatever times the
# copies got, so it is marked as the newest.
RUN mkdir -p /data .next/cache \
 && chown node:node /data .next/cache \
 && touch .next/BUILD_ID
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in the slim image: Node itself asks /api/health (503 when the database
# or the poller is down).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["npm", "start"]
