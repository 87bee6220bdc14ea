import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TargetGuard } from '../ssrf/target-guard';

export interface SendResult {
  statusCode: number;
  retryAfter: string | undefined;
  latencyMs: number;
}

export interface SendRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** One POST of a webhook body; the guard checks the address actually connected to. */
export class WebhookSender {
  constructor(private readonly guard: TargetGuard) {}

  async send(input: SendRequest): Promise<SendResult> {
    await this.guard.check(input.url);
    const started = performance.now();
    const signal = AbortSignal.timeout(input.timeoutMs);
    const response = await this.post(input, signal).catch((err: unknown) => {
      if (signal.aborted) throw new Error(`No answer within ${input.timeoutMs} ms`);
      throw err;
    });
    return {
      statusCode: response.statusCode ?? 0,
      retryAfter: headerValue(response.headers['retry-after']),
      latencyMs: Math.round(performance.now() - started),
    };
  }

  private post(input: SendRequest, signal: AbortSignal): Promise<IncomingMessage> {
    const url = new URL(input.url);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          lookup: this.guard.lookup,
          signal,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(input.body),
            'user-agent': 'Mnemo-Webhooks/1',
            ...input.headers,
          },
        },
        (response) => {
          // Only the status counts; the body is read to its end so the socket is freed.
          response.on('data', () => undefined);
          response.on('end', () => resolve(response));
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(input.body);
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
