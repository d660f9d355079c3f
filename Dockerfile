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
# set by worker.extractHeapMb), and the 24 MB it saves are an eighth of a worker's 200 MB budget.
# Its old generation capped at 512 MB: below 2 GB V8 lets the heap grow less between full
# collections (1.4x its live size instead of up to 4x), ~10 MiB off the peak; the cap is ~5x what
# a 50,000-article run holds (heap after GC 67-110 MiB). The threads keep their own limits
# (src/queue/extract-pool.ts clears both flags before starting them). docs/pipeline-cost.md,
# rounds 5 and 7. bench:pipeline gives its worker processes the same flags and allocator settings.
ENV NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=512"
# glibc's allocator: at most 2 arenas (by default 8 per core, one per thread that allocates: V8's
# GC and compiler threads, the extraction thread, libuv's pool each keep their own free pages),
# and free memory at the top of the heap given back past 128 KiB (the default threshold grows up
# to 32 MiB after large frees). Together 13-20 MiB off a worker's peak RSS for no measurable CPU
# (docs/pipeline-cost.md, round 7).
ENV MALLOC_ARENA_MAX=2
ENV MALLOC_TRIM_THRESHOLD_=131072
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
