# budget-bot as a container: built with the toolchain the native addons (better-sqlite3, nodejieba)
# compile with, run as a non-root user on the slim image. The database of the bundled documents is
# built into the image; mount your own with BUDGET_BOT_DB (see compose.yaml and the README).

# --- build: compile the native addons, build the database, drop the development packages ---
FROM node:20-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY stubs ./stubs
# Installed before the sources are copied, so this layer stays cached while only sources change. The
# root `prepare` script (the TypeScript build) needs those sources, so npm runs no scripts here; the
# packages whose install scripts are needed (package.json's allowScripts) run theirs by name.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 nodejieba esbuild
COPY . .
# Built after the sources, and checked current after the development packages (esbuild among them)
# are pruned: the image's bin then never tries to rebuild at start, which it could not do there.
# data/added exists in the image (owned by the run user once copied), so a volume mounted there for
# documents added from a channel starts writable by it.
RUN npm run build \
 && node bin/budget-bot.mjs ingest --quiet \
 && mkdir -p data/added \
 && npm prune --omit=dev --no-audit --no-fund \
 && node scripts/build-check.mjs

# --- run: the slim image, the app and its production packages, as the unprivileged `node` user ---
FROM node:20-bookworm-slim
# poppler-utils draws the printed page behind a figure (查看原文); without it the lines are quoted instead.
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# /healthz answers while the process is alive (on Slack's HTTP port, or on PORT by itself).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
