import CircuitBreaker from 'opossum';
import type { Logger } from '@mnemo/observability';
import { TargetRefusedError } from '../ssrf/target-guard';
import type { WebhooksRepository } from '../subscriptions/webhooks.repository';
import type { WebhookEntity } from '../subscriptions/webhook.entity';
import type { AttemptResult, ClaimedDelivery, DeliveriesRepository } from './deliveries.repository';
import { deliveryOutcome, type DeliveryRecorder } from './delivery.metrics';
import { nextRetry, parseRetryAfter } from './retry-policy';
import { signatureHeaders } from './webhook-signer';
import type { SendRequest, SendResult, WebhookSender } from './webhook.sender';

export interface DeliveryWorkerOptions {
  pollMs: number;
  leaseMs: number;
  timeoutMs: number;
  retryScheduleMs: readonly number[];
  maxConsecutiveFailures: number;
  concurrency: number;
  perTargetConcurrency: number;
  rotationGraceMs: number;
}

/** A 5xx answer: thrown inside the breaker so it counts against the target. */
class ServerError extends Error {
  constructor(readonly result: SendResult) {
    super(`HTTP ${result.statusCode}`);
  }
}

const busyRetryMs = 250;
const breakerResetMs = 30_000;

/** Sends due deliveries from every instance: claimed with a lease, bounded overall and per target. */
export class DeliveryWorker {
  private readonly perTarget = new Map<string, number>();
  private readonly breakers = new Map<string, CircuitBreaker<[SendRequest], SendResult>>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = true;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly logger: Logger,
    private readonly options: DeliveryWorkerOptions,
    private readonly count: DeliveryRecorder = () => undefined,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.inFlight]);
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  /** New or redelivered rows are due now: look without waiting for the poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch((err: unknown) => this.logger.error({ err }, 'webhook delivery pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.rerun) {
          this.rerun = false;
          this.wake();
        } else if (!this.stopped) {
          this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        }
      });
  }

  private async pass(): Promise<void> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const claimed = await this.deliveries.claimDue(free, new Date(), this.options.leaseMs);
    for (const row of claimed) {
      const attempt = this.attempt(row)
        .catch((err: unknown) => this.logger.error({ err, id: row.id }, 'webhook attempt failed'))
        .finally(() => {
          this.inFlight.delete(attempt);
          this.wake();
        });
      this.inFlight.add(attempt);
    }
  }

  private async attempt(row: ClaimedDelivery): Promise<void> {
    const webhook = await this.webhooks.find(row.projectId, row.webhookId);
    if (!webhook || !webhook.isActive) {
      const error = webhook ? 'The webhook is disabled' : 'The webhook was deleted';
      return this.record(row, { status: 'failed', attempts: row.attempts, error });
    }
    const target = new URL(webhook.url).host;
    const busy = this.perTarget.get(target) ?? 0;
    if (busy >= this.options.perTargetConcurrency) {
      this.count('deferred');
      return this.deliveries.release(row.id, new Date(Date.now() + busyRetryMs));
    }
    this.perTarget.set(target, busy + 1);
    try {
      await this.sendOnce(row, webhook, target);
    } finally {
      this.perTarget.set(target, (this.perTarget.get(target) ?? 1) - 1);
    }
  }

  private async sendOnce(row: ClaimedDelivery, webhook: WebhookEntity, target: string) {
    const attempts = row.attempts + 1;
    const headers = signatureHeaders(
      row.id,
      new Date(),
      row.body,
      webhook,
      this.options.rotationGraceMs,
    );
    try {
      const request = {
        url: webhook.url,
        body: row.body,
        headers,
        timeoutMs: this.options.timeoutMs,
      };
      const result = await this.breaker(target).fire(request);
      if (result.statusCode === 410) return this.gone(row, webhook, result);
      if (result.statusCode >= 200 && result.statusCode < 300) {
        await this.record(row, { status: 'succeeded', attempts, ...codeOf(result) });
        return this.webhooks.recordSuccess(webhook.projectId, webhook.id);
      }
      return this.failed(
        row,
        webhook,
        attempts,
        { ...codeOf(result), error: `HTTP ${result.statusCode}` },
        result.retryAfter,
      );
    } catch (err) {
      if (err instanceof ServerError) {
        return this.failed(
          row,
          webhook,
          attempts,
          { ...codeOf(err.result), error: err.message },
          err.result.retryAfter,
        );
      }
      if (err instanceof TargetRefusedError) {
        return this.record(row, { status: 'failed', attempts, error: err.message });
      }
      if (isOpenCircuit(err)) {
        this.count('deferred');
        return this.deliveries.release(row.id, new Date(Date.now() + breakerResetMs));
      }
      return this.failed(row, webhook, attempts, { error: errorText(err) }, undefined);
    }
  }

  private async gone(row: ClaimedDelivery, webhook: WebhookEntity, result: SendResult) {
    await this.record(row, {
      status: 'failed',
      attempts: row.attempts + 1,
      ...codeOf(result),
      error: 'HTTP 410',
    });
    await this.webhooks.disable(webhook.projectId, webhook.id, 'The target answered 410 Gone.');
    this.logger.warn({ webhookId: webhook.id }, 'webhook disabled: target answered 410');
  }

  private async failed(
    row: ClaimedDelivery,
    webhook: WebhookEntity,
    attempts: number,
    outcome: Partial<AttemptResult>,
    retryAfter: string | undefined,
  ) {
    const now = new Date();
    const decision = nextRetry(
      attempts,
      this.options.retryScheduleMs,
      parseRetryAfter(retryAfter, now),
    );
    await this.record(row, {
      ...outcome,
      status: decision.retry ? 'pending' : 'dead',
      attempts,
      nextAttemptAt: new Date(now.getTime() + (decision.retry ? decision.delayMs : 0)),
    });
    const limit = this.options.maxConsecutiveFailures;
    const reason = `Disabled after ${limit} consecutive failed deliveries.`;
    if (await this.webhooks.recordFailure(webhook.projectId, webhook.id, limit, reason)) {
      this.logger.warn(
        { webhookId: webhook.id, limit },
        'webhook disabled after repeated failures',
      );
    }
  }

  private record(
    row: ClaimedDelivery,
    outcome: Partial<AttemptResult> & Pick<AttemptResult, 'status' | 'attempts'>,
  ) {
    const now = new Date();
    this.count(deliveryOutcome(outcome.status), outcome.latencyMs);
    return this.deliveries.recordAttempt(
      row.id,
      { nextAttemptAt: now, statusCode: null, latencyMs: null, error: null, ...outcome },
      now,
    );
  }

  private breaker(target: string): CircuitBreaker<[SendRequest], SendResult> {
    let breaker = this.breakers.get(target);
    if (!breaker) {
      breaker = new CircuitBreaker(
        async (request: SendRequest) => {
          const result = await this.sender.send(request);
          if (result.statusCode >= 500) throw new ServerError(result);
          return result;
        },
        {
          timeout: false,
          errorThresholdPercentage: 50,
          volumeThreshold: 10,
          resetTimeout: breakerResetMs,
          // A refused target says nothing about the target's health.
          errorFilter: (err: unknown) => err instanceof TargetRefusedError,
        },
      );
      breaker.on('open', () => this.logger.warn({ target }, 'webhook target circuit opened'));
      this.breakers.set(target, breaker);
    }
    return breaker;
  }
}

function codeOf(result: SendResult): Pick<AttemptResult, 'statusCode' | 'latencyMs'> {
  return { statusCode: result.statusCode, latencyMs: result.latencyMs };
}

function isOpenCircuit(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'EOPENBREAKER';
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
