// Adds short conversations for many users: `k6 run load-tests/k6/add.js`
//   -e BASE_URL=http://127.0.0.1:8000 -e VUS=50 -e DURATION=1m -e USERS=1000
//   -e INFER=false (verbatim, the default) | true (fact extraction) -e P95_MS=250 -e RATE=200
import { SharedArray } from 'k6/data';
import { addMemories } from './lib/mem0-calls.js';
import { scenario, settings, thresholds } from './lib/settings.js';

const corpus = new SharedArray('corpus', () => [JSON.parse(open('../data/conversations.json'))])[0];
const infer = (__ENV.INFER || 'false') === 'true';
const users = settings.users || 1000;
const op = infer ? 'add_infer' : 'add';

export const options = {
  scenarios: { add: scenario('add', settings.vus, settings.rate) },
  thresholds: thresholds({ [op]: infer ? { p95: 2000, p99: 5000 } : { p95: 250, p99: 500 } }),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function add() {
  addMemories(corpus, { users, infer });
}
