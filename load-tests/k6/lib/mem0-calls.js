// The Mem0 open-source routes the scripts call, each tagged with its operation for thresholds.
import http from 'k6/http';
import { check } from 'k6';
import { headers, settings } from './settings.js';
import { conversation, query, randomInt, userId } from './conversations.js';

/** `options`: { users: pool size, infer: boolean }. */
export function addMemories(corpus, options) {
  const body = {
    messages: conversation(corpus, randomInt(settings.minTurns, settings.maxTurns)),
    user_id: userId(options.users),
    infer: options.infer,
    metadata: { source: 'k6' },
  };
  const op = options.infer ? 'add_infer' : 'add';
  const res = http.post(`${settings.baseUrl}/memories`, JSON.stringify(body), {
    headers: headers(),
    tags: { op },
  });
  check(res, {
    [`${op}: status 200`]: (r) => r.status === 200,
    [`${op}: has results`]: (r) => r.status === 200 && Array.isArray(r.json('results')),
  });
  return res;
}

export function searchMemories(corpus, users) {
  const body = {
    query: query(corpus),
    filters: { user_id: userId(users) },
    top_k: settings.topK,
  };
  const res = http.post(`${settings.baseUrl}/search`, JSON.stringify(body), {
    headers: headers(),
    tags: { op: 'search' },
  });
  check(res, {
    'search: status 200': (r) => r.status === 200,
    'search: has results': (r) => r.status === 200 && Array.isArray(r.json('results')),
  });
  return res;
}

/** Writes about `settings.seedMemories` memories spread evenly over the `users` pool. */
export function seedMemories(corpus, users) {
  const turns = 10;
  const requests = Math.ceil(settings.seedMemories / turns);
  for (let start = 0; start < requests; start += settings.seedBatch) {
    const batch = [];
    for (let i = start; i < Math.min(start + settings.seedBatch, requests); i++) {
      const body = {
        messages: conversation(corpus, turns),
        user_id: `k6-user-${String(i % users).padStart(5, '0')}`,
        infer: false,
      };
      const params = { headers: headers(), tags: { op: 'seed' } };
      batch.push(['POST', `${settings.baseUrl}/memories`, JSON.stringify(body), params]);
    }
    const failed = http.batch(batch).filter((res) => res.status !== 200);
    if (failed.length > 0) {
      throw new Error(
        `seeding failed: ${failed[0].status} ${String(failed[0].body).slice(0, 200)}`,
      );
    }
  }
  return { seeded: requests * turns };
}
