import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  busRequests: Histogram<'subject' | 'outcome'>;
  busHandled: Histogram<'subject' | 'outcome'>;
  jobsHandled: Counter<'subject' | 'outcome'>;
  /** `scope` is `target` (the service is down) or `project` (one tenant's calls were shed) */
  breakerTransitions: Counter<'target' | 'scope' | 'state'>;
  /** JetStream messages handed out again (a retry after a failure, a lost ack), per consumer */
  jobsRedelivered: Counter<'stream' | 'consumer'>;
  /** calls to a language model and to an embedding model, by provider and model */
  providers: ProviderMetrics;
}

export type ProviderCallLabels = 'provider' | 'model' | 'outcome';

export interface ProviderMetrics {
  /** one LLM completion, retries included, by outcome (`ok` or the provider error code) */
  llmSeconds: Histogram<ProviderCallLabels>;
  /** tokens the LLM server counted: `kind` is `prompt` or `completion` */
  llmTokens: Counter<'provider' | 'model' | 'kind'>;
  /** one embedding call (a batch of texts) */
  embeddingSeconds: Histogram<ProviderCallLabels>;
  embeddingTexts: Counter<'provider' | 'model'>;
  /** tokens the embedding server counted (none for the local model) */
  embeddingTokens: Counter<'provider' | 'model'>;
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
    jobsRedelivered: new Counter({
      name: 'mnemo_jetstream_redeliveries_total',
      help: 'JetStream messages this service received again (delivery count above 1), per consumer',
      labelNames: ['stream', 'consumer'],
      registers: [registry],
    }),
    providers: createProviderMetrics(registry),
  };
}

const providerSecondsBuckets = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

function createProviderMetrics(registry: Registry): ProviderMetrics {
  const registers = [registry];
  return {
    llmSeconds: new Histogram({
      name: 'mnemo_llm_call_seconds',
      help: 'Duration of one LLM call, retries included, by provider, model and outcome',
      labelNames: ['provider', 'model', 'outcome'],
      buckets: providerSecondsBuckets,
      registers,
    }),
    llmTokens: new Counter({
      name: 'mnemo_llm_tokens_total',
      help: 'Tokens the LLM server counted, by provider, model and kind (prompt, completion)',
      labelNames: ['provider', 'model', 'kind'],
      registers,
    }),
    embeddingSeconds: new Histogram({
      name: 'mnemo_embedding_call_seconds',
      help: 'Duration of one call to the embedding model (a batch of texts), by provider, model and outcome',
      labelNames: ['provider', 'model', 'outcome'],
      buckets: providerSecondsBuckets,
      registers,
    }),
    embeddingTexts: new Counter({
      name: 'mnemo_embedding_texts_total',
      help: 'Texts sent to the embedding model, by provider and model',
      labelNames: ['provider', 'model'],
      registers,
    }),
    embeddingTokens: new Counter({
      name: 'mnemo_embedding_tokens_total',
      help: 'Tokens the embedding server counted, by provider and model',
      labelNames: ['provider', 'model'],
      registers,
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
