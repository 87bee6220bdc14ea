// Run settings from the environment (`k6 run -e NAME=value`), with the defaults below.

function number(name, fallback) {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

export const settings = {
  baseUrl: (__ENV.BASE_URL || 'http://127.0.0.1:8000').replace(/\/+$/, ''),
  vus: number('VUS', 50),
  duration: __ENV.DURATION || '1m',
  // Requests per second; when set, arrivals are paced (open model) instead of looping VUs.
  rate: number('RATE', 0),
  // Size of the user-id pool; each script picks its own default when unset.
  users: number('USERS', 0),
  topK: number('TOP_K', 10),
  minTurns: number('MIN_TURNS', 2),
  maxTurns: number('MAX_TURNS', 6),
  p95Ms: number('P95_MS', 0),
  p99Ms: number('P99_MS', 0),
  maxErrorRate: number('MAX_ERROR_RATE', 0.01),
  // Memories written by setup() before the run (search scripts); 0 skips seeding.
  seedMemories: number('SEED_MEMORIES', 10000),
  seedBatch: number('SEED_BATCH', 20),
  apiKey: __ENV.API_KEY || '',
};

export function headers() {
  const result = { 'Content-Type': 'application/json' };
  if (settings.apiKey) result['X-API-Key'] = settings.apiKey;
  return result;
}

/** A scenario of `vus` looping users, or a paced arrival rate when RATE (or `rate`) is set. */
export function scenario(exec, vus, rate) {
  if (rate > 0) {
    return {
      executor: 'constant-arrival-rate',
      exec,
      rate,
      timeUnit: '1s',
      duration: settings.duration,
      preAllocatedVUs: vus,
      maxVUs: vus * 4,
    };
  }
  return { executor: 'constant-vus', exec, vus, duration: settings.duration };
}

/** Latency thresholds for the requests tagged `op`, plus the error budget for all requests. */
export function thresholds(ops) {
  const result = {
    http_req_failed: [`rate<${settings.maxErrorRate}`],
    checks: [`rate>${1 - settings.maxErrorRate}`],
  };
  for (const [op, defaults] of Object.entries(ops)) {
    result[`http_req_duration{op:${op}}`] = [
      `p(95)<${settings.p95Ms || defaults.p95}`,
      `p(99)<${settings.p99Ms || defaults.p99}`,
    ];
  }
  return result;
}
