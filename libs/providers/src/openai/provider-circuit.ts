import CircuitBreaker from 'opossum';
import { ProviderError } from '../llm/llm-provider';
import { toProviderError } from './provider-error.mapper';

export interface ProviderBreakerOptions {
  /** Failure percentage within the rolling window that opens the circuit (default 50). */
  errorThresholdPercentage?: number;
  /** Calls needed in the window before the circuit may open (default 5). */
  volumeThreshold?: number;
  /** How long the circuit stays open before one trial call is let through (default 10 s). */
  resetTimeoutMs?: number;
  /** Length of the rolling statistics window (default 10 s). */
  rollingWindowMs?: number;
  /** Calls allowed in flight at once; more fail fast with `provider_unavailable`. */
  capacity?: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

type GuardedCall = (signal: AbortSignal) => Promise<unknown>;

/**
 * Runs provider calls under a per-call deadline and an opossum circuit breaker.
 * The deadline aborts the HTTP request itself (opossum's own timeout would leave it running),
 * and only retryable failures count towards opening the circuit: a bad request or a wrong key
 * says nothing about the provider's health.
 */
export class ProviderCircuit {
  private readonly breaker: CircuitBreaker<[GuardedCall], unknown>;

  constructor(
    name: string,
    private readonly timeoutMs: number,
    options: ProviderBreakerOptions = {},
  ) {
    this.breaker = new CircuitBreaker((call: GuardedCall) => this.withDeadline(call), {
      name,
      timeout: false,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      volumeThreshold: options.volumeThreshold ?? 5,
      resetTimeout: options.resetTimeoutMs ?? 10_000,
      rollingCountTimeout: options.rollingWindowMs ?? 10_000,
      capacity: options.capacity,
      errorFilter: (err: unknown) => err instanceof ProviderError && !err.retryable,
    });
  }

  get state(): CircuitState {
    if (this.breaker.opened) return 'open';
    return this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  async run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (err) {
      throw toProviderError(err);
    }
  }

  /** Stops the breaker's timers; later calls fail with `provider_unavailable`. */
  shutdown(): void {
    this.breaker.shutdown();
  }

  private async withDeadline(call: GuardedCall): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await call(controller.signal);
    } catch (err) {
      if (!controller.signal.aborted) throw toProviderError(err);
      throw new ProviderError(
        'provider_timeout',
        `provider did not answer within ${this.timeoutMs} ms`,
        true,
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
