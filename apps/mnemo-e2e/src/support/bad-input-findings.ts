import type { BadCase } from './bad-inputs';
import { nested } from './bad-inputs';
import type { IsolationTenant } from './isolation-tenant';

const adds = ['/memories', '/v1/memories/', '/v3/memories/add/'];

const messages = (count: number, content: string) =>
  Array.from({ length: count }, (_, i) => ({ role: 'user', content: `${content} ${i}` }));

/** The inputs issue 9 found hanging or crashing, each pinned to the answer it must get now. */
export function findingCases(t: IsolationTenant): BadCase[] {
  const add = (name: string, body: Record<string, unknown>, statuses?: number[]) =>
    adds.map((path): BadCase => ({
      name: `POST ${path}: ${name}`,
      request: { method: 'POST', path, body: { user_id: t.user, ...body } },
      expect: 'refused',
      statuses,
    }));
  return [
    ...add('10,000 messages', { messages: messages(10_000, 'I like tea') }),
    ...add('1,001 messages', { messages: messages(1001, 'hi') }),
    ...add('infer:false text over 64 KB', {
      messages: [{ role: 'user', content: 'x'.repeat(65_537) }],
      infer: false,
    }),
    ...add('a 1 MB message', { messages: [{ role: 'user', content: 'y'.repeat(1_000_000) }] }),
    ...add(
      '150,000 characters over ten messages',
      { messages: messages(10, 'z'.repeat(15_000)), infer: false },
      [413],
    ),
    ...add('a lone surrogate in the text', {
      messages: [{ role: 'user', content: 'I like \ud83d tea' }],
      infer: false,
    }),
    ...add('a lone surrogate in metadata', {
      messages: messages(1, 'I like tea'),
      metadata: { note: '\udc00' },
      infer: false,
    }),
    ...add('a lone surrogate in user_id', { messages: messages(1, 'tea'), user_id: 'u\ud800' }),
    ...add('user_id of 256 characters', { messages: messages(1, 'tea'), user_id: 'u'.repeat(256) }),
    ...add('metadata 3,000 levels deep', { messages: messages(1, 'tea'), metadata: nested(3000) }),
    ...add('metadata of 100 KB', {
      messages: messages(1, 'tea'),
      metadata: { blob: 'm'.repeat(100_000) },
    }),
    ...add('expiration 0000-00-00', {
      messages: messages(1, 'tea'),
      expiration_date: '0000-00-00',
    }),
    ...add('expiration 2025-02-30', {
      messages: messages(1, 'tea'),
      expiration_date: '2025-02-30',
    }),
    // The earliest real date is a date like any other (it was refused while 0000-00-00 passed).
    ...add('expiration 0001-01-01', {
      messages: messages(1, 'old tea'),
      expiration_date: '0001-01-01',
      infer: false,
    }).map((one): BadCase => ({ ...one, expect: 'survived', statuses: [200] })),
    {
      name: 'PUT /v1/memories/{id}/: expiration 0000-00-00',
      request: {
        method: 'PUT',
        path: `/v1/memories/${t.memory2}/`,
        body: { expiration_date: '0000-00-00' },
      },
      expect: 'refused',
    },
    {
      name: 'PUT /memories/{id}: text of 20,001 characters',
      request: {
        method: 'PUT',
        path: `/memories/${t.memory2}`,
        body: { text: 'w'.repeat(20_001) },
      },
      expect: 'refused',
    },
    {
      name: 'PUT /v1/structured/profiles/{id}/: attributes 3,000 levels deep',
      request: {
        method: 'PUT',
        path: `/v1/structured/profiles/${t.user}/`,
        body: { nickname: 'n', attributes: nested(3000) },
      },
      expect: 'refused',
    },
    {
      name: 'POST /v3/memories/search/: filters 3,000 levels deep',
      request: {
        method: 'POST',
        path: '/v3/memories/search/',
        body: { query: 'tea', filters: { AND: [{ user_id: t.user }, nested(3000)] } },
      },
      expect: 'refused',
    },
    {
      name: 'POST /v1/exports/: filters as a JSON string 3,000 levels deep',
      request: {
        method: 'POST',
        path: '/v1/exports/',
        body: { schema: { type: 'object' }, filters: JSON.stringify(nested(3000)) },
      },
      expect: 'refused',
    },
    {
      name: 'POST /search: a query of 100,000 characters',
      request: {
        method: 'POST',
        path: '/search',
        body: { query: 'q'.repeat(100_000), user_id: t.user },
      },
      expect: 'refused',
    },
    {
      name: 'GET /v1/event/{id}/: an unknown id',
      request: { method: 'GET', path: '/v1/event/does-not-exist/' },
      expect: 'refused',
      statuses: [404],
    },
    {
      name: 'GET /v1/memories/: a request id of NATS wildcards',
      request: { method: 'GET', path: `/v1/memories/?user_id=${t.user}` },
      headers: { 'x-request-id': 'memory.>.*' },
      expect: 'survived',
    },
  ];
}
