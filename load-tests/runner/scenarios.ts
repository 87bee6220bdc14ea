// What `npm run bench` runs and what it is held to. Edit freely: the runner reads only this file.
import type { ScenarioPlan, SeedPlan, Target } from './bench-plan.types';

/** Written before the first scenario: the "10k memories in 100 scopes" of the search target. */
export const SEED: SeedPlan = {
  memories: 10_000,
  scopes: 100,
  // infer:false stores every user and assistant message, so one request adds this many memories.
  messagesPerRequest: 10,
  concurrency: 16,
  timeoutSeconds: 600,
};

/** Run in this order; `--duration` and `--scenario` override from the command line. */
export const SCENARIOS: ScenarioPlan[] = [
  {
    name: 'search',
    description: 'semantic search in the seeded scopes, top_k 10',
    durationSeconds: 20,
    streams: [{ kind: 'search', connections: 50 }],
  },
  {
    name: 'search-64',
    description: 'semantic search in the seeded scopes, top_k 10, 64 connections (issue 10)',
    durationSeconds: 20,
    streams: [{ kind: 'search', connections: 64 }],
  },
  {
    name: 'add',
    description: 'infer:false adds of 2-6 message chats for a pool of 5,000 new users',
    durationSeconds: 20,
    streams: [{ kind: 'add', connections: 50 }],
  },
  {
    name: 'mixed',
    description: 'search, verbatim adds, extracting adds and gets on the seeded scopes at once',
    durationSeconds: 20,
    streams: [
      { kind: 'search', connections: 30 },
      { kind: 'add', connections: 10 },
      { kind: 'add-infer', connections: 5 },
      { kind: 'get', connections: 5 },
    ],
  },
];

const MB = 1;
const GB = 1024 * MB;

export const TARGETS: Target[] = [
  { type: 'latency', scenario: 'search', stream: 'search', percentile: 'p95', maxMs: 100 },
  { type: 'latency', scenario: 'add', stream: 'add', percentile: 'p95', maxMs: 250 },
  // Issue 10's targets for the 200,000-memory store (1,000 users x 200) at 64 connections.
  { type: 'latency', scenario: 'search-64', stream: 'search', percentile: 'p50', maxMs: 5 },
  { type: 'latency', scenario: 'search-64', stream: 'search', percentile: 'p99', maxMs: 25 },
  { type: 'no-errors', scenario: 'search' },
  { type: 'no-errors', scenario: 'add' },
  { type: 'no-errors', scenario: 'mixed' },
  { type: 'rss', service: 'gateway', maxMb: 512 * MB },
  { type: 'rss', service: 'extractor', maxMb: 512 * MB },
  // The local GloVe model (341k words x 100 dims) lives in the embedder.
  { type: 'rss', service: 'embedder', maxMb: 1 * GB },
  { type: 'rss', service: 'vector-store', maxMb: 512 * MB },
  { type: 'rss', service: 'structured-data', maxMb: 512 * MB },
  { type: 'rss', service: 'webhook-dispatcher', maxMb: 512 * MB },
];
