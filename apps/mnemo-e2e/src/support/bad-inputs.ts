import type { GatewayRoute } from './gateway-routes';
import type { RouteRequest } from './route-requests';

/**
 * `refused`: the gateway must answer 4xx (a bad value for a field it reads). `survived`: a value
 * that may be legal (an emoji, an SQL-looking id) or a field the route ignores: any answer but a
 * 5xx. Either way a 4xx carries `{"detail"}` and no answer hangs.
 */
export type Expectation = 'refused' | 'survived';

export interface BadCase {
  name: string;
  request: RouteRequest;
  headers?: Record<string, string>;
  /** sent as it is, not JSON-encoded (malformed JSON) */
  rawBody?: string;
  expect: Expectation;
  /** the exact statuses allowed, when the case pins one */
  statuses?: number[];
}

export const loneSurrogates = {
  'lone high surrogate': 'before \ud800 after',
  'lone low surrogate': 'before \udc00 after',
  'reversed surrogate pair': '\udc00\ud800',
};

export const oddStrings: Record<string, string> = {
  'NUL character': 'a\u0000b',
  'right-to-left override': '\u202eevil\u202c.exe',
  'emoji and joiners': '👩‍👩‍👧 🧠 🏳️‍🌈',
  'combining marks': 'Z\u0351\u0352\u0353a\u0489l\u0337g\u0338o',
  'SQL injection': "x' OR '1'='1'; DROP TABLE memories; --",
  'JSON path': '$.metadata[?(@.secret)]..*',
  'NATS wildcard *': '*',
  'NATS wildcard >': '>',
  'NATS subject dots': 'memory.events.>.x',
  'header CRLF': 'x\r\nX-Injected: 1',
  'path traversal': '../../../../etc/passwd',
  'percent escapes': '%00%2e%2e%2f',
  'empty string': '',
  'only spaces': '   ',
};

export const wrongTypes: Record<string, unknown> = {
  number: 12345,
  boolean: true,
  list: ['x'],
  object: { x: 1 },
};

export function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

export function wide(keys: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]));
}

const huge = 'x'.repeat(30_000);

/** Fields every route that takes them reads as bounded strings: too long or mistyped is refused. */
const stringFields = new Set([
  'text',
  'query',
  'user_id',
  'agent_id',
  'run_id',
  'app_id',
  'memory_id',
  'memory_export_id',
  'name',
  'url',
  'email',
  'nickname',
  'city',
  'custom_instructions',
  'entity_id',
]);
/** Fields read as JSON objects: too deep, too big or mistyped is refused. */
const objectFields = new Set(['metadata', 'filters', 'attributes', 'schema']);

export const malformedJson: Record<string, string> = {
  'truncated JSON': '{"messages": [',
  'trailing garbage': '{"a": 1}}',
  'single quotes': "{'a': 1}",
  'bare word': 'undefined',
  'NUL byte': '\u0000',
  'duplicate-comma list': '[1,,2]',
};

const malformedValid: Record<string, unknown> = {
  'JSON list': [],
  'JSON string': 'just a string',
  'JSON number': 42,
};

function describe(route: GatewayRoute, what: string): string {
  return `${route.method} ${route.path}: ${what}`;
}

/** Bad values in one top-level field of a body the route accepts. */
function fieldCases(route: GatewayRoute, base: RouteRequest, field: string): BadCase[] {
  const body = base.body as Record<string, unknown>;
  const readsString = stringFields.has(field);
  const readsObject = objectFields.has(field);
  const withValue = (name: string, value: unknown, expect: Expectation): BadCase => ({
    name: describe(route, `${field} = ${name}`),
    request: { ...base, body: { ...body, [field]: value } },
    expect,
  });
  return [
    ...Object.entries(loneSurrogates).map(([name, value]) => withValue(name, value, 'refused')),
    ...Object.entries(oddStrings).map(([name, value]) => withValue(name, value, 'survived')),
    ...Object.entries(wrongTypes).map(([name, value]) =>
      withValue(name, value, readsString ? 'refused' : 'survived'),
    ),
    withValue('30,000 characters', huge, readsString ? 'refused' : 'survived'),
    withValue(
      '3,000 levels deep',
      nested(3000),
      readsString || readsObject ? 'refused' : 'survived',
    ),
    withValue('a key with a lone surrogate', { 'k\ud800': 1 }, 'refused'),
  ];
}

/**
 * Bad bodies as a whole, and bad extra keys next to the good ones. Only a route probed with a
 * real body is known to read it; the rest (`POST /reset`...) may ignore what they are sent.
 */
function bodyCases(route: GatewayRoute, base: RouteRequest): BadCase[] {
  const body = base.body as Record<string, unknown>;
  const reads: Expectation = Object.keys(body).length > 0 ? 'refused' : 'survived';
  return [
    ...Object.entries(malformedJson).map(([name, rawBody]) => ({
      name: describe(route, name),
      request: base,
      rawBody,
      expect: 'refused' as const,
      statuses: [400, 422],
    })),
    ...Object.entries(malformedValid).map(([name, value]) => ({
      name: describe(route, name),
      request: { ...base, body: value },
      expect: reads,
    })),
    {
      name: describe(route, 'an extra key with a lone surrogate'),
      request: { ...base, body: { ...body, ['\udfff']: 'x' } },
      expect: reads,
    },
    {
      name: describe(route, 'an extra object of 60,000 keys'),
      request: { ...base, body: { ...body, extra: wide(60_000) } },
      expect: reads,
    },
    ...Object.keys(body).flatMap((field) => fieldCases(route, base, field)),
  ];
}

/** Odd values in each path parameter (too long for the router is a 414). */
function pathCases(route: GatewayRoute, base: RouteRequest): BadCase[] {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
  const values: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(oddStrings)
        .filter(([, value]) => value.trim() !== '')
        .map(([name, value]) => [name, encodeURIComponent(value)]),
    ),
    '99 characters': 'y'.repeat(99),
  };
  const refusedByRouter: Array<[string, string, number]> = [
    ['percent-encoded lone surrogate', '%ED%A0%80', 400],
    ['invalid percent escape', '%E0%A4%A', 400],
    ['5,000 characters', 'z'.repeat(5000), 414],
  ];
  return names.flatMap((param, index) => [
    ...Object.entries(values).map(([name, value]) => ({
      name: describe(route, `:${param} = ${name}`),
      request: { ...base, path: withSegment(route, base, index, value) },
      expect: 'survived' as const,
    })),
    ...refusedByRouter.map(([name, value, status]) => ({
      name: describe(route, `:${param} = ${name}`),
      request: { ...base, path: withSegment(route, base, index, value) },
      expect: 'refused' as const,
      statuses: [status],
    })),
  ]);
}

/** The probe path with its `index`-th parameter replaced. */
function withSegment(
  route: GatewayRoute,
  base: RouteRequest,
  index: number,
  value: string,
): string {
  const [path, query] = base.path.split('?');
  const routeParts = route.path.split('/');
  const parts = path.split('/');
  const positions = routeParts.flatMap((part, i) => (part.startsWith(':') ? [i] : []));
  parts[positions[index]] = value;
  return `${parts.join('/')}${query ? `?${query}` : ''}`;
}

const queryValues: Record<string, string> = {
  'page_size of 100,000': 'page_size=100000&page=1',
  'page 0': 'page=0&page_size=10',
  'negative page': 'page=-1&page_size=10',
  'page not a number': 'page=abc&page_size=10',
  'percent-encoded lone surrogate id': 'user_id=%ED%A0%80',
  'NUL id': 'user_id=%00',
  'wildcard id': 'user_id=*&agent_id=%3E',
  'SQL in id': `user_id=${encodeURIComponent("' OR 1=1 --")}`,
  'deepObject metadata': 'metadata[%24where]=1&metadata[a][b][c]=2',
  'JSON metadata with a lone surrogate': `metadata=${encodeURIComponent('{"k":"\\ud800"}')}`,
  'repeated id': 'user_id=a&user_id=b',
  'top_k of a billion': 'top_k=1000000000',
};

/** Odd query strings on the routes that read one. */
function queryCases(route: GatewayRoute, base: RouteRequest): BadCase[] {
  const joiner = base.path.includes('?') ? '&' : '?';
  return Object.entries(queryValues).map(([name, query]) => ({
    name: describe(route, `query ${name}`),
    request: { ...base, path: `${base.path}${joiner}${query}` },
    expect: 'survived',
  }));
}

/** Every generated case for one route, given the request that works for it. */
export function casesFor(route: GatewayRoute, base: RouteRequest): BadCase[] {
  const hasBody = base.body !== undefined && typeof base.body === 'object';
  return [
    ...pathCases(route, base),
    ...(route.method === 'GET' || route.method === 'DELETE' ? queryCases(route, base) : []),
    ...(hasBody ? bodyCases(route, base) : []),
  ];
}
