import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runWithBusContext, type BusContext } from '@mnemo/messaging';
import {
  extractTraceContext,
  runInSpan,
  SpanKind,
  SpanStatusCode,
  startSpan,
  type Logger,
  type Span,
} from '@mnemo/observability';

interface RequestObservation {
  bus: BusContext;
  span?: Span;
  route: string;
  started: number;
  finished: boolean;
}

const unmatchedRoute = 'unmatched';

/**
 * Every HTTP request: its request id in the bus context (so every log line it causes, here and in
 * the services it calls, carries it), a server span when tracing is on (joining the caller's
 * `traceparent`), and one access log line when it is answered or abandoned.
 */
export function observeHttpRequests(fastify: FastifyInstance, logger: Logger): void {
  const observations = new WeakMap<FastifyRequest, RequestObservation>();

  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url ?? unmatchedRoute;
    const observation: RequestObservation = {
      bus: { requestId: String(request.id) },
      route,
      started: performance.now(),
      finished: false,
      span: startSpan(`${request.method} ${route}`, {
        kind: SpanKind.SERVER,
        parent: extractTraceContext({ get: (key) => headerValue(request, key) }),
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': pathOf(request.url),
        },
      }),
    };
    observations.set(request, observation);
    // The rest of the request (body, hooks, handler) runs inside: the spec checks a large body.
    runWithBusContext(observation.bus, () => runInSpan(observation.span, done));
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    finish(logger, request, reply, observations.get(request), false);
    done();
  });

  fastify.addHook('onRequestAbort', (request, done) => {
    finish(logger, request, undefined, observations.get(request), true);
    done();
  });
}

function finish(
  logger: Logger,
  request: FastifyRequest,
  reply: FastifyReply | undefined,
  observation: RequestObservation | undefined,
  aborted: boolean,
): void {
  if (!observation || observation.finished) return;
  observation.finished = true;
  const status = reply?.statusCode;
  const span = observation.span;
  if (span) {
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (aborted || (status !== undefined && status >= 500)) {
      const message = aborted ? 'aborted by the client' : `HTTP ${status}`;
      span.setStatus({ code: SpanStatusCode.ERROR, message });
    }
    span.end();
  }
  const traceId = span?.spanContext().traceId;
  const path = pathOf(request.url);
  logger.info(
    {
      event: 'http.access',
      requestId: observation.bus.requestId,
      ...(traceId ? { traceId } : {}),
      method: request.method,
      path,
      route: observation.route,
      status: status ?? null,
      ms: Math.round((performance.now() - observation.started) * 10) / 10,
      ip: request.ip,
      ...(aborted ? { aborted: true } : {}),
    },
    `${request.method} ${path} ${aborted ? 'aborted' : status}`,
  );
}

/** The path without its query string: queries may carry user ids and search texts. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function headerValue(request: FastifyRequest, key: string): string | undefined {
  const value = request.headers[key];
  return Array.isArray(value) ? value[0] : value;
}
