import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState, NatsBus } from '@mnemo/messaging';

/** Requests no route matched share one label, so a scan of random paths adds no series. */
export const unmatchedRoute = 'unmatched';

const breakerStateValue: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

/**
 * Per-route request counts and latency, labelled with the route template (`/v1/memories/:memoryId`,
 * never the id) and the status. Hooks on the Fastify root, so the REST routes, the docs and `/mcp`
 * are all counted.
 */
export function registerHttpMetrics(fastify: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'mnemo_http_requests_total',
    help: 'HTTP requests answered by the gateway, by route template and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'mnemo_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer sent, by route template and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? unmatchedRoute,
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
}

/**
 * The state of the circuit breaker of every target the gateway has called (0 closed, 1 half-open,
 * 2 open), read at scrape time from the bus's breakers; the targets are the subjects its request
 * histogram has seen, so a target appears from its first call on.
 */
export function registerBreakerStateMetric(registry: Registry, bus: NatsBus): void {
  const requests = registry.getSingleMetric('mnemo_bus_request_seconds') as Histogram | undefined;
  new Gauge({
    name: 'mnemo_breaker_state',
    help: 'Circuit breaker of each target: 0 closed, 1 half-open, 2 open',
    labelNames: ['target'],
    registers: [registry],
    async collect() {
      const seen = (await requests?.get())?.values ?? [];
      const targets = new Set(seen.map((value) => String(value.labels['subject'])));
      this.reset();
      for (const target of targets) {
        this.set({ target }, breakerStateValue[bus.breakers.state(target)]);
      }
    },
  });
}
