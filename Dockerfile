# syntax=docker/dockerfile:1
# One image for both processes: the receiver (default command) and the worker (docker-compose.yml
# overrides the command). TypeScript runs through tsx, a production dependency, so the image needs
# no build step and runs the same code as `npm run receiver` / `npm run worker`.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json tsconfig.json ./
COPY --chown=root:root config ./config
COPY --chown=root:root src ./src
COPY --chown=root:root workers ./workers
# the code stays root-owned and read-only to the process; it runs as the image's unprivileged user
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/server.ts"]
