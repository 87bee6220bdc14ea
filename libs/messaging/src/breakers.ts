import CircuitBreaker from 'opossum';
import { DomainError, isDomainError } from '@mnemo/contracts';

export interface BreakerOptions {
  /** failures (in percent of calls in the window) that open the circuit */
  errorThresholdPercentage: number;
  /** calls in the window before the percentage counts */
  volumeThreshold: number;
  /** how long the circuit stays open before a trial call */
  resetTimeoutMs: number;
  rollingCountTimeoutMs: number;
}

export const defaultBreakerOptions: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  resetTimeoutMs: 1000,
  rollingCountTimeoutMs: 10000,
};

const infraCodes = new Set(['unavailable', 'timeout']);

type Action<A extends unknown[], R> = (...args: A) => Promise<R>;

/** One opossum breaker per remote target; only transport failures count against a target. */
export class BreakerRegistry<A extends unknown[], R> {
  private readonly breakers = new Map<string, CircuitBreaker<A, R>>();

  constructor(
    private readonly action: Action<A, R>,
    private readonly options: BreakerOptions = defaultBreakerOptions,
    private readonly onStateChange?: (target: string, state: 'open' | 'halfOpen' | 'close') => void,
  ) {}

  async fire(target: string, ...args: A): Promise<R> {
    try {
      return await this.get(target).fire(...args);
    } catch (err) {
      if (isOpenCircuit(err)) {
        throw new DomainError('unavailable', `${target} is unavailable (circuit open)`, true);
      }
      throw err;
    }
  }

  state(target: string): 'open' | 'halfOpen' | 'closed' {
    const breaker = this.breakers.get(target);
    if (!breaker) return 'closed';
    if (breaker.opened) return 'open';
    return breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private get(target: string): CircuitBreaker<A, R> {
    let breaker = this.breakers.get(target);
    if (!breaker) {
      breaker = new CircuitBreaker(this.action, {
        timeout: false,
        errorThresholdPercentage: this.options.errorThresholdPercentage,
        volumeThreshold: this.options.volumeThreshold,
        resetTimeout: this.options.resetTimeoutMs,
        rollingCountTimeout: this.options.rollingCountTimeoutMs,
        // A domain answer (not found, bad input) means the target is healthy.
        errorFilter: (err: unknown) => isDomainError(err) && !infraCodes.has(err.code),
      });
      breaker.on('open', () => this.onStateChange?.(target, 'open'));
      breaker.on('halfOpen', () => this.onStateChange?.(target, 'halfOpen'));
      breaker.on('close', () => this.onStateChange?.(target, 'close'));
      this.breakers.set(target, breaker);
    }
    return breaker;
  }
}

function isOpenCircuit(err: unknown): boolean {
  return err instanceof Error && (err as Error & { code?: string }).code === 'EOPENBREAKER';
}
