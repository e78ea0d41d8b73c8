# syntax=docker/dockerfile:1
# One image for both processes: the receiver (default command) and the worker (docker-compose.yml
# overrides the command). Production runs compiled JavaScript: the build stage compiles the two
# entry points and what they import (tsconfig.build.json) into dist/, with the Lua scripts they
# load (scripts/build.mjs, npm run build); the image holds dist/ and the production dependencies,
# nothing else (no TypeScript runtime, no sandbox, no tests). It holds no organisations file
# either: the real one is mounted from the host (docker-compose.yml), and
# config/organisations.json is only the example for npm start.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY src ./src
COPY workers ./workers
COPY scripts/build.mjs ./scripts/build.mjs
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json ./
COPY --from=build --chown=root:root /app/dist ./dist
# the code stays root-owned and read-only to the process; it runs as the image's unprivileged user
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/src/server.js"]
