# One image for every Node component (cms, api, and later search-sync); docker-compose.yml picks
# the command. Built with the same lockfile and pinned Strapi 5.54.0 as development.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# schemas/ whole: the root `prepare` (run by npm ci) builds its CommonJS contract for the CMS.
COPY schemas/ schemas/
COPY cms/package.json cms/
COPY api/package.json api/
COPY search-sync/package.json search-sync/
RUN npm ci --no-audit --no-fund
COPY . .
# The admin build needs no database; the env module generates throwaway secrets for it.
RUN cd cms && NODE_OPTIONS=--max-old-space-size=3072 npx strapi build

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data
# `npm run report -- --pdf` prints the monthly report with headless Chromium: Debian's package at
# /usr/bin/chromium (the report command's default --chromium), and fonts-noto-cjk for the Chinese
# text (without a CJK font every 汉字 in the PDF is an empty box).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
# DATA_DIR of every component (uploads, generated files, reports): owned by the user the components
# run as, and private. A named volume mounted on /data starts as a copy of it, owner and mode included.
RUN install -d -o node -g node -m 0700 /data
COPY --from=build /app /app
USER node
