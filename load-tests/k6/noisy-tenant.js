// A noisy tenant beside a quiet one: `k6 run load-tests/k6/noisy-tenant.js`
//   -e BASE_URL=http://127.0.0.1:8000 -e NOISY_KEY=<project A key> -e QUIET_KEY=<project B key>
//   -e NOISY_RATE=150 (its rate limit per second) -e QUIET_RATE=20 -e DURATION=1m
//   -e NOISY_MEMORIES=5000 -e QUIET_MEMORIES=200 (0 searches what is already there)
// The quiet tenant runs alone for DURATION, then beside the noisy one for DURATION; compare
// `http_req_duration{tenant:quiet,phase:alone}` with `{tenant:quiet,phase:noisy}` (target: p99
// within 2x). Non-2xx answers of the noisy tenant are expected (429/503); the quiet one's are not.
import http from 'k6/http';
import { check } from 'k6';
import { SharedArray } from 'k6/data';
import { fill } from './lib/conversations.js';
import { settings } from './lib/settings.js';

const corpus = new SharedArray('corpus', () => [JSON.parse(open('../data/conversations.json'))])[0];

function number(name, fallback) {
  const value = Number(__ENV[name] || fallback);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
}

const tenants = {
  noisy: { key: __ENV.NOISY_KEY, user: 'noisy-user', memories: number('NOISY_MEMORIES', 5000) },
  quiet: { key: __ENV.QUIET_KEY, user: 'quiet-user', memories: number('QUIET_MEMORIES', 200) },
};
const seconds = parseInt(settings.duration, 10) * (settings.duration.endsWith('m') ? 60 : 1);

function paced(exec, rate, startTime, duration, tags) {
  return {
    executor: 'constant-arrival-rate',
    exec,
    rate,
    timeUnit: '1s',
    startTime,
    duration,
    preAllocatedVUs: Math.max(4, Math.ceil(rate / 2)),
    maxVUs: Math.max(8, rate * 6),
    tags,
  };
}

export const options = {
  setupTimeout: '20m',
  scenarios: {
    quietAlone: paced('quiet', number('QUIET_RATE', 20), '0s', `${seconds}s`, {
      tenant: 'quiet',
      phase: 'alone',
    }),
    quietUnderNoise: paced('quiet', number('QUIET_RATE', 20), `${seconds}s`, `${seconds}s`, {
      tenant: 'quiet',
      phase: 'noisy',
    }),
    noisy: paced('noisy', number('NOISY_RATE', 150), `${seconds}s`, `${seconds}s`, {
      tenant: 'noisy',
      phase: 'noisy',
    }),
  },
  thresholds: {
    'http_req_duration{tenant:quiet,phase:alone}': ['p(99)<1000'],
    'http_req_duration{tenant:quiet,phase:noisy}': ['p(99)<2000'],
    'checks{tenant:quiet}': ['rate>0.99'],
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
};

function post(tenant, path, body) {
  return http.post(`${settings.baseUrl}${path}`, JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json', 'X-API-Key': tenant.key },
  });
}

/** Distinct verbatim memories in the tenant's one scope, ten per add. */
function seed(tenant) {
  for (let first = 0; first < tenant.memories; first += 10) {
    const messages = [];
    for (let i = first; i < Math.min(first + 10, tenant.memories); i++) {
      const turn = corpus.userTurns[i % corpus.userTurns.length];
      messages.push({ role: 'user', content: `${fill(turn, corpus.slots)} (note ${i})` });
    }
    const res = post(tenant, '/memories', { messages, user_id: tenant.user, infer: false });
    if (res.status !== 200) throw new Error(`seeding: ${res.status} ${res.body}`);
  }
}

export function setup() {
  if (!tenants.noisy.key || !tenants.quiet.key) throw new Error('set NOISY_KEY and QUIET_KEY');
  seed(tenants.noisy);
  seed(tenants.quiet);
}

function search(tenant) {
  const query = fill(
    corpus.queries[Math.floor(Math.random() * corpus.queries.length)],
    corpus.slots,
  );
  return post(tenant, '/search', { query, filters: { user_id: tenant.user }, top_k: 10 });
}

export function quiet() {
  check(search(tenants.quiet), { 'quiet: status 200': (r) => r.status === 200 });
}

export function noisy() {
  // 200, 429 (its share is full) or 503 (its own circuit is open) are all expected here.
  check(search(tenants.noisy), { 'noisy: answered': (r) => r.status > 0 });
}
