# One image for every Node component (cms, api, and later search-sync); docker-compose.yml picks
# the command. Built with the same lockfile and pinned Strapi 5.54.0 as development.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY schemas/package.json schemas/
COPY cms/package.json cms/
COPY api/package.json api/
COPY search-sync/package.json search-sync/
RUN npm ci --no-audit --no-fund
COPY . .
# The admin build needs no database; the env module generates throwaway secrets for it.
RUN cd cms && NODE_OPTIONS=--max-old-space-size=3072 npx strapi build

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
