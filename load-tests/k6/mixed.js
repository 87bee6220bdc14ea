// Search, verbatim adds and extracting adds at once, on the same users:
//   `k6 run load-tests/k6/mixed.js` -e BASE_URL=... -e VUS=50 -e DURATION=2m -e USERS=100
// VUS is split 70 / 20 / 10 between search, add (infer:false) and add (infer:true).
import { SharedArray } from 'k6/data';
import { addMemories, searchMemories, seedMemories } from './lib/mem0-calls.js';
import { scenario, settings, thresholds } from './lib/settings.js';

const corpus = new SharedArray('corpus', () => [JSON.parse(open('../data/conversations.json'))])[0];
const users = settings.users || 100;
const share = (fraction) => Math.max(1, Math.round(settings.vus * fraction));
const rateShare = (fraction) =>
  settings.rate > 0 ? Math.max(1, Math.round(settings.rate * fraction)) : 0;

export const options = {
  setupTimeout: '15m',
  scenarios: {
    search: scenario('search', share(0.7), rateShare(0.7)),
    add: scenario('add', share(0.2), rateShare(0.2)),
    add_infer: scenario('addInfer', share(0.1), rateShare(0.1)),
  },
  thresholds: thresholds({
    search: { p95: 150, p99: 400 },
    add: { p95: 300, p99: 600 },
    add_infer: { p95: 2000, p99: 5000 },
  }),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  return settings.seedMemories > 0 ? seedMemories(corpus, users) : { seeded: 0 };
}

export function search() {
  searchMemories(corpus, users);
}

export function add() {
  addMemories(corpus, { users, infer: false });
}

export function addInfer() {
  addMemories(corpus, { users, infer: true });
}
