import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';

export interface Received {
  path: string;
  webhookId: string;
  body: unknown;
  verified: boolean;
}

/** What a path answers to its n-th request (0-based): a status, or 'hold' to never answer. */
export type Behaviour = (n: number) => number | 'hold';

/** A webhook receiver on 127.0.0.1 that verifies every signature with the webhook's secret. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly secrets = new Map<string, string[]>();
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly held: ServerResponse[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on('request', (req, res) => void receiver.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Every secret given must verify a request's signature for it to count as verified. */
  expect(path: string, secret: string | string[], behaviour: Behaviour = () => 200): void {
    this.secrets.set(path, [secret].flat());
    this.behaviours.set(path, behaviour);
  }

  secretsOf(path: string): string[] {
    return this.secrets.get(path) ?? [];
  }

  at(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '';
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
        name,
        String(req.headers[name]),
      ]),
    );
    const n = this.at(path).length;
    this.received.push({
      path,
      webhookId: headers['webhook-id'],
      body: JSON.parse(raw) as unknown,
      verified: this.verify(path, raw, headers),
    });
    const answer = (this.behaviours.get(path) ?? (() => 404))(n);
    if (answer === 'hold') return void this.held.push(res);
    res.writeHead(answer).end();
  }

  private verify(path: string, raw: string, headers: Record<string, string>): boolean {
    const secrets = this.secrets.get(path) ?? [];
    return secrets.length > 0 && secrets.every((secret) => verifies(secret, raw, headers));
  }
}

function verifies(secret: string, raw: string, headers: Record<string, string>): boolean {
  try {
    new StandardWebhook(secret).verify(raw, headers);
    return true;
  } catch {
    return false;
  }
}
