import type { ArgumentsHost } from '@nestjs/common';
import { DomainError, errorCodes, type ErrorCode } from '@mnemo/contracts';
import { createLogger } from '@mnemo/observability';
import { HttpExceptionFilter } from './http-exception.filter';

interface Sent {
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
}

/** What the filter needs of Nest's host: Fastify's request id and a reply that records the answer. */
function answer(error: unknown): Sent {
  const sent: Sent = { headers: {} };
  const reply = {
    hasHeader: (name: string) => name in sent.headers,
    header: (name: string, value: string) => {
      sent.headers[name] = value;
      return reply;
    },
    status: (status: number) => {
      sent.status = status;
      return reply;
    },
    send: (body: unknown) => {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ id: 'req-1', url: '/v1/memories/' }),
    }),
  } as unknown as ArgumentsHost;
  const logger = createLogger({ service: 'gateway', instanceId: 'spec', level: 'silent' });
  new HttpExceptionFilter(logger).catch(error, host);
  return sent;
}

// Every code's status, and whether its body names the code and the request id (failures on
// Mnemo's side or upstream) or holds only Mem0's `detail` (a client's own mistake).
const expected: Record<ErrorCode, [number, boolean]> = {
  validation_failed: [400, false],
  unauthorized: [401, false],
  forbidden: [403, false],
  not_found: [404, false],
  conflict: [409, false],
  payload_too_large: [413, false],
  rate_limited: [429, false],
  internal: [500, true],
  provider_auth_failed: [502, true],
  provider_rate_limited: [502, true],
  provider_timeout: [502, true],
  provider_unavailable: [502, true],
  provider_bad_request: [502, true],
  datastore_unavailable: [502, true],
  vector_store_unavailable: [502, true],
  unavailable: [503, true],
  timeout: [503, true],
};

describe(HttpExceptionFilter.name, () => {
  it.each(errorCodes.map((code) => [code, ...expected[code]] as const))(
    'answers %s with %d, naming the code: %s',
    (code, status, named) => {
      const sent = answer(new DomainError(code, 'what happened'));
      expect(sent.status).toBe(status);
      expect(sent.body).toEqual(
        named
          ? { detail: 'what happened', code, request_id: 'req-1' }
          : { detail: 'what happened' },
      );
    },
  );

  it('asks for a retry after a second on 503 and on a 429 that set no Retry-After', () => {
    expect(answer(new DomainError('unavailable', 'down')).headers).toEqual({ 'retry-after': '1' });
    expect(answer(new DomainError('rate_limited', 'slow down')).headers).toEqual({
      'retry-after': '1',
    });
    expect(answer(new DomainError('provider_timeout', 'slow')).headers).toEqual({});
  });

  it('hides an unexpected error behind a 500 that names the request', () => {
    expect(answer(new Error('secret detail'))).toEqual({
      status: 500,
      body: { detail: 'Internal server error', code: 'unknown', request_id: 'req-1' },
      headers: {},
    });
  });
});
