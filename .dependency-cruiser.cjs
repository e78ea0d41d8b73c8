/**
 * Dependency rules, checked by `npm run lint` (dependency-cruiser). The layout they keep:
 * entry points → domain → infrastructure, never backwards (see README "Where things are").
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle makes load order matter and hides which module owns a concept. A cycle made only of type imports is erased at compile time and allowed.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'the-service-imports-no-development-code',
      severity: 'error',
      comment:
        'scripts/ (npm start, the embedded Redis, free ports, the build), sandbox/ (the Trac and ESR sandboxes), test/ and bench/ are for development, the tests and the benchmark: nothing the receiver or a worker runs may import them, so they never reach dist/ or the image (test/integration/platform/dependency-rules.test.ts shows a violation rejected).',
      from: { path: '^(src|workers|config)/' },
      to: { path: '^(scripts|sandbox|test|bench)/' },
    },
    {
      name: 'the-production-build-reaches-no-development-code',
      severity: 'error',
      comment:
        'What npm run build compiles (tsconfig.build.json: the two entry points and everything they import, however indirectly) holds no development-only module.',
      from: { path: '^(src/server|workers/transfer-worker)\\.ts$' },
      to: { path: '^(scripts|sandbox|test|bench)/', reachable: true },
    },
    {
      name: 'sandbox-judges-by-its-own-rules',
      severity: 'error',
      comment:
        'The sandboxes stand in for Trac and ESR, so they judge the connector by their own reading of docs/ (sandbox/esr-body-rules/, sandbox/esr-names.ts), never by importing its records, matching, webhook, admin or any other src/ code: a mapping or matching bug shared by both sides would go unseen.',
      from: { path: '^sandbox/' },
      to: { path: '^(src|workers|scripts|test|bench)/' },
    },
    {
      name: 'only-the-store-knows-redis-and-bullmq',
      severity: 'error',
      comment:
        'Redis and BullMQ are known in src/store/ (the adapters behind the ports their users declare) and at the BullMQ edge in workers/ only: no other file of the service imports ioredis, bullmq or rate-limiter-flexible (whose Redis stores come from its package root), not even for a type (tsPreCompilationDeps sees type imports). The receiver is composed in src/server.ts, the worker in workers/; Bull Board takes the queues it is given, typed from @bull-board/api. test/integration/platform/dependency-rules.test.ts shows a violation rejected.',
      from: { path: '^(src|config)/', pathNot: '^src/store/' },
      to: { path: '(^|/)node_modules/(ioredis|bullmq|rate-limiter-flexible)/' },
    },
    {
      name: 'domain-imports-no-driver',
      severity: 'error',
      comment:
        'The transfer use case, matching, reasons and record mappings know nothing of Redis, BullMQ or HTTP servers: they reach storage through the ports in src/transfer/transfer.ts, implemented in src/store/.',
      from: { path: '^src/(transfer|records)/' },
      to: { path: '^node_modules/(ioredis|bullmq|express|rate-limiter-flexible)/' },
    },
    {
      name: 'domain-depends-on-no-adapter-or-edge',
      severity: 'error',
      comment:
        'Entry points → domain → infrastructure, never backwards: the domain imports neither the adapters (src/store) nor the edges (webhook, admin, health, workers).',
      from: { path: '^src/(transfer|records)/' },
      to: { path: '^(src/(store|webhook|admin|health)/|workers/)' },
    },
    {
      name: 'src-never-imports-the-worker-edge',
      severity: 'error',
      comment: 'workers/ is an entry point and the BullMQ edge; nothing in src/ depends on it.',
      from: { path: '^src/' },
      to: { path: '^workers/' },
    },
    {
      name: 'records-are-pure',
      severity: 'error',
      comment: 'Record mappings do no I/O: they import neither the API clients nor storage.',
      from: { path: '^src/records/' },
      to: { path: '^src/(trac|esr|store|transfer|admin|webhook)/|^node_modules/(axios|ioredis|bullmq)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|coverage)/' },
  },
};
