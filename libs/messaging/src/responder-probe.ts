import type { NatsConnection } from '@nats-io/transport-node';
import { encodeJson, toTransportError } from './codec';

export interface ResponderProbeOptions {
  /** how long an answer is reused, so a burst of requests costs one probe */
  ttlMs?: number;
  /** a responder slower than this still counts as present: only "no responders" means absent */
  timeoutMs?: number;
}

/**
 * Whether any instance subscribes to a subject now. The server answers "no responders" at once
 * when nobody listens, so a dead queue group is known in a round trip, not after a timeout.
 */
export class ResponderProbe {
  private readonly answers = new Map<string, { at: number; present: Promise<boolean> }>();
  private readonly ttlMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly connection: NatsConnection,
    options: ResponderProbeOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 300;
  }

  present(subject: string, now = Date.now()): Promise<boolean> {
    const cached = this.answers.get(subject);
    if (cached && now - cached.at < this.ttlMs) return cached.present;
    const present = this.ask(subject);
    this.answers.set(subject, { at: now, present });
    return present;
  }

  private async ask(subject: string): Promise<boolean> {
    try {
      await this.connection.request(subject, encodeJson({}), { timeout: this.timeoutMs });
      return true;
    } catch (err) {
      return toTransportError(err, subject, this.timeoutMs).code !== 'unavailable';
    }
  }
}
