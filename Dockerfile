# news-ingest worker image. Build: docker build -t news-ingest .
# Checked without a Docker engine by tests/docker/check-layout.ts (`npm run check:docker`, run
# by .ci/run): it lays out what each stage copies, runs the RUN lines, then runs the CMD.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
RUN npm run build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
# The main thread's young generation at most 2 x 4 MB (V8's default grows it to 2 x 16 MB): the
# main thread only moves jobs, fetches and records (pages are extracted in threads, whose heap is
# set by worker.extractHeapMb), and the 24 MB it saves are an eighth of a worker's 200 MB budget
# (docs/pipeline-cost.md, round 5). bench:pipeline gives its worker processes the same flags.
ENV NODE_OPTIONS=--max-semi-space-size=4
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
COPY schema ./schema
# The image's `node` user is uid 1000, gid 1000 (node:20-slim). A bind-mounted ./data must be
# writable by that uid (README, "Docker").
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
ENTRYPOINT ["node", "bin/news-ingest.js"]
CMD ["start"]
