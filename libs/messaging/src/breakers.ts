import CircuitBreaker from 'opossum';
import { LRUCache } from 'lru-cache';
import { DomainError, isDomainError } from '@mnemo/contracts';

export interface BreakerOptions {
  /** failures (in percent of calls in the window) that open the circuit */
  errorThresholdPercentage: number;
  /** calls in the window before the percentage counts */
  volumeThreshold: number;
  /** how long the circuit stays open before a trial call */
  resetTimeoutMs: number;
  rollingCountTimeoutMs: number;
  /** (target, project) breakers kept at once; the least recently used is dropped */
  maxProjectBreakers: number;
}

export const defaultBreakerOptions: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  resetTimeoutMs: 1000,
  rollingCountTimeoutMs: 10000,
  maxProjectBreakers: 10_000,
};

export type BreakerState = 'open' | 'halfOpen' | 'closed';
export type BreakerListener = (
  target: string,
  state: 'open' | 'halfOpen' | 'close',
  project?: string,
) => void;

/** Calls made without a tenant (health checks, internal work) share this bucket. */
const NO_PROJECT = '-';

/** A project's own circuit is open: its fault, so it never counts against the target. */
export class ProjectCircuitOpenError extends DomainError {
  constructor(target: string) {
    super('unavailable', `${target} is not answering this project's requests (circuit open)`, true);
  }
}

/** The whole target's circuit is open: it failed as a transport, for every project. */
function targetOpen(target: string): DomainError {
  return new DomainError('unavailable', `${target} is unavailable (circuit open)`, true);
}

/** Only transport failures (no responders, connection loss) say the target itself is down. */
function isTransportFailure(err: unknown): boolean {
  return (
    isDomainError(err) && err.code === 'unavailable' && !(err instanceof ProjectCircuitOpenError)
  );
}

type Action<A extends unknown[], R> = (...args: A) => Promise<R>;

/**
 * Two levels of opossum breakers. A target's breaker opens on transport failures only; timeouts
 * open the breaker of the (target, project) pair, so a tenant whose requests are slow is shed
 * alone and every other tenant keeps the target. Client errors never count at either level.
 */
export class BreakerRegistry<A extends unknown[], R> {
  private readonly targets = new Map<string, CircuitBreaker<[string, ...A], R>>();
  private readonly projects: LRUCache<string, CircuitBreaker<A, R>>;

  constructor(
    private readonly action: Action<A, R>,
    private readonly options: BreakerOptions = defaultBreakerOptions,
    private readonly onStateChange?: BreakerListener,
  ) {
    this.projects = new LRUCache({
      max: options.maxProjectBreakers,
      dispose: (breaker) => breaker.shutdown(),
    });
  }

  async fire(target: string, project: string | undefined, ...args: A): Promise<R> {
    try {
      return await this.targetBreaker(target).fire(project ?? NO_PROJECT, ...args);
    } catch (err) {
      if (isOpenCircuit(err)) {
        throw targetOpen(target);
      }
      throw err;
    }
  }

  state(target: string, project?: string): BreakerState {
    const breaker =
      project === undefined ? this.targets.get(target) : this.projects.get(key(target, project));
    if (!breaker) return 'closed';
    if (breaker.opened) return 'open';
    return breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  /** Fails fast when the project's (or the whole target's) circuit is open, before any other work. */
  assertClosed(target: string, project: string): void {
    if (this.state(target) === 'open') throw targetOpen(target);
    if (this.state(target, project) === 'open') throw new ProjectCircuitOpenError(target);
  }

  shutdown(): void {
    for (const breaker of this.targets.values()) breaker.shutdown();
    this.targets.clear();
    this.projects.clear();
  }

  private targetBreaker(target: string): CircuitBreaker<[string, ...A], R> {
    let breaker = this.targets.get(target);
    if (!breaker) {
      breaker = this.create(
        (project: string, ...args: A) => this.fireForProject(target, project, args),
        isTransportFailure,
      );
      this.watch(breaker, target);
      this.targets.set(target, breaker);
    }
    return breaker;
  }

  private async fireForProject(target: string, project: string, args: A): Promise<R> {
    const id = key(target, project);
    let breaker = this.projects.get(id);
    if (!breaker) {
      breaker = this.create(this.action, (err) => isDomainError(err) && err.code === 'timeout');
      this.watch(breaker, target, project);
      this.projects.set(id, breaker);
    }
    try {
      return await breaker.fire(...args);
    } catch (err) {
      if (isOpenCircuit(err)) throw new ProjectCircuitOpenError(target);
      throw err;
    }
  }

  private create<B extends unknown[]>(
    action: Action<B, R>,
    counts: (err: unknown) => boolean,
  ): CircuitBreaker<B, R> {
    return new CircuitBreaker(action, {
      timeout: false,
      errorThresholdPercentage: this.options.errorThresholdPercentage,
      volumeThreshold: this.options.volumeThreshold,
      resetTimeout: this.options.resetTimeoutMs,
      rollingCountTimeout: this.options.rollingCountTimeoutMs,
      // A filtered error means the breaker's subject is healthy (opossum counts it as a success).
      errorFilter: (err: unknown) => !counts(err),
    });
  }

  private watch<B extends unknown[]>(
    breaker: CircuitBreaker<B, R>,
    target: string,
    project?: string,
  ): void {
    breaker.on('open', () => this.onStateChange?.(target, 'open', project));
    breaker.on('halfOpen', () => this.onStateChange?.(target, 'halfOpen', project));
    breaker.on('close', () => this.onStateChange?.(target, 'close', project));
  }
}

function key(target: string, project: string): string {
  return `${target}\u0000${project}`;
}

function isOpenCircuit(err: unknown): boolean {
  return err instanceof Error && (err as Error & { code?: string }).code === 'EOPENBREAKER';
}
