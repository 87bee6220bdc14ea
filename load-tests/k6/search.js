// Semantic search over seeded users: `k6 run load-tests/k6/search.js`
//   -e BASE_URL=http://127.0.0.1:8000 -e VUS=50 -e DURATION=1m
//   -e USERS=100 -e SEED_MEMORIES=10000 (0 to search what is already there) -e TOP_K=10 -e P95_MS=100
import { SharedArray } from 'k6/data';
import { searchMemories, seedMemories } from './lib/mem0-calls.js';
import { scenario, settings, thresholds } from './lib/settings.js';

const corpus = new SharedArray('corpus', () => [JSON.parse(open('../data/conversations.json'))])[0];
const users = settings.users || 100;

export const options = {
  setupTimeout: '15m',
  scenarios: { search: scenario('search', settings.vus, settings.rate) },
  thresholds: thresholds({ search: { p95: 100, p99: 250 } }),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  return settings.seedMemories > 0 ? seedMemories(corpus, users) : { seeded: 0 };
}

export function search() {
  searchMemories(corpus, users);
}
