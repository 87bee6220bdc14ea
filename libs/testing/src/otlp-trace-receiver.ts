import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as a service exported it over OTLP/HTTP. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** absent on a trace's root span */
  parentSpanId?: string;
  name: string;
  /** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
  kind: number;
  /** `service.name` of the exporting process */
  service: string;
  /** `service.instance.id` of the exporting process */
  instance?: string;
  attributes: Record<string, string | number | boolean>;
  /** OTLP status code: 0 unset, 1 ok, 2 error */
  statusCode: number;
  /** when the span started, ms since the epoch (fractional) */
  startMs: number;
  /** how long it took, ms (fractional) */
  durationMs: number;
}

export const otlpSpanKind = {
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
} as const;

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpAttribute {
  key: string;
  value?: OtlpValue;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  attributes?: OtlpAttribute[];
  status?: { code?: number };
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

/**
 * An OpenTelemetry collector for tests: `POST /v1/traces` in OTLP/HTTP with JSON bodies (what
 * `@opentelemetry/exporter-trace-otlp-http` sends), gzip or not. The services are separate
 * processes, so this plays the in-memory exporter's part across them: point their
 * `OTEL_EXPORTER_OTLP_ENDPOINT` at `endpoint` and read `spans`.
 */
export class OtlpTraceReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** every request that reached the receiver, whatever its path or body */
  requests = 0;
  /** bodies it could not read (a protobuf exporter, a broken request) */
  readonly rejected: string[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<OtlpTraceReceiver> {
    const server = createServer();
    const receiver = new OtlpTraceReceiver(server);
    server.on('request', (req, res) => void receiver.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return receiver;
  }

  /** The value for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The spans of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  reset(): void {
    this.spans.length = 0;
    this.rejected.length = 0;
    this.requests = 0;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1;
    const body = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    try {
      const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      if (!String(req.headers['content-type']).includes('json')) {
        throw new Error(`not OTLP JSON: ${req.headers['content-type']}`);
      }
      this.spans.push(...spansOf(JSON.parse(text.toString('utf8')) as OtlpExport));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      this.rejected.push(String(error));
      res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
    }
  }
}

function spansOf(body: OtlpExport): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
        name: span.name,
        kind: span.kind ?? 0,
        service: String(resource['service.name'] ?? ''),
        instance:
          resource['service.instance.id'] === undefined
            ? undefined
            : String(resource['service.instance.id']),
        attributes: attributesOf(span.attributes),
        statusCode: span.status?.code ?? 0,
        ...timesOf(span),
      })),
    );
  });
}

// Nanoseconds as a decimal string: exact to the microsecond through BigInt, then ms as a number.
function timesOf(span: OtlpSpan): { startMs: number; durationMs: number } {
  const start = BigInt(span.startTimeUnixNano ?? 0);
  const end = BigInt(span.endTimeUnixNano ?? span.startTimeUnixNano ?? 0);
  return { startMs: Number(start / 1000n) / 1000, durationMs: Number((end - start) / 1000n) / 1000 };
}

function attributesOf(list: OtlpAttribute[] = []): Record<string, string | number | boolean> {
  return Object.fromEntries(list.map(({ key, value = {} }) => [key, valueOf(value)]));
}

function valueOf(value: OtlpValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  return '';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
