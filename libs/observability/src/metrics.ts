import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  busRequests: Histogram<'subject' | 'outcome'>;
  busHandled: Histogram<'subject' | 'outcome'>;
  jobsHandled: Counter<'subject' | 'outcome'>;
  /** `scope` is `target` (the service is down) or `project` (one tenant's calls were shed) */
  breakerTransitions: Counter<'target' | 'scope' | 'state'>;
}

/** One registry per process, labelled with service and instance. */
export function createMetrics(service: string, instanceId: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance: instanceId });
  collectDefaultMetrics({ register: registry });
  const buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    busRequests: new Histogram({
      name: 'mnemo_bus_request_seconds',
      help: 'Outgoing request-reply calls over NATS',
      labelNames: ['subject', 'outcome'],
      buckets,
      registers: [registry],
    }),
    busHandled: new Histogram({
      name: 'mnemo_bus_handled_seconds',
      help: 'Requests answered by this service over NATS',
      labelNames: ['subject', 'outcome'],
      buckets,
      registers: [registry],
    }),
    jobsHandled: new Counter({
      name: 'mnemo_jobs_handled_total',
      help: 'Durable JetStream messages handled by this service',
      labelNames: ['subject', 'outcome'],
      registers: [registry],
    }),
    breakerTransitions: new Counter({
      name: 'mnemo_breaker_transitions_total',
      help: 'Circuit breaker state changes, per target and scope (target or one project)',
      labelNames: ['target', 'scope', 'state'],
      registers: [registry],
    }),
  };
}

/** A bare /metrics endpoint for services without an HTTP API; loopback unless `host` says else. */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host = '127.0.0.1',
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
