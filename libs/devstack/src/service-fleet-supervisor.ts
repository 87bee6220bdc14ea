import type { ServiceFleet } from './service-fleet';
import type { ServiceName } from './service-names';
import type { ServiceExit, ServiceProcess } from './service-process';

export interface RestartPolicy {
  /** the wait before the first restart; each quick crash doubles it */
  initialDelayMs: number;
  maxDelayMs: number;
  /** an instance that stayed up this long starts again from the initial delay */
  resetAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
};

export interface SupervisorOptions {
  policy?: Partial<RestartPolicy>;
  /** one line per unexpected exit */
  log?: (line: string) => void;
  /** called once a replacement has been spawned */
  onRestart?: (service: ServiceProcess) => void;
}

/** How many quick crashes in a row this one makes, given how long the instance stayed up. */
export function crashStreak(previous: number, upForMs: number, policy: RestartPolicy): number {
  return upForMs >= policy.resetAfterMs ? 1 : previous + 1;
}

/** Exponential backoff: initial, 2×, 4×... capped. */
export function restartDelay(streak: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, streak - 1));
}

/** Restarts counted per name (instance id or server), for the report on exit. */
export class RestartTally {
  private readonly counts = new Map<string, number>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  byName(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }
}

/** Restarts instances of a fleet that exit while it is not being stopped, with backoff. */
export class FleetSupervisor {
  private readonly policy: RestartPolicy;
  private readonly streaks = new Map<string, number>();
  private readonly tally = new RestartTally();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly fleet: ServiceFleet,
    private readonly options: SupervisorOptions = {},
  ) {
    this.policy = { ...defaultRestartPolicy, ...options.policy };
  }

  /** Watches every instance the fleet has now (and their replacements). */
  start(): void {
    const indexes = new Map<ServiceName, number>();
    for (const service of this.fleet.all()) {
      const index = indexes.get(service.name) ?? 0;
      indexes.set(service.name, index + 1);
      this.watch(service, index);
    }
  }

  /** A deliberate stop: call before stopping the fleet, so nothing is restarted. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Restarts so far, per instance id. */
  restarts(): Record<string, number> {
    return this.tally.byName();
  }

  get totalRestarts(): number {
    return this.tally.total;
  }

  private watch(service: ServiceProcess, index: number): void {
    const startedAt = Date.now();
    void service.exited.then((exit) => this.onExit(service, index, exit, Date.now() - startedAt));
  }

  private onExit(service: ServiceProcess, index: number, exit: ServiceExit, upForMs: number) {
    if (this.stopped) return;
    const id = service.instanceId;
    const streak = crashStreak(this.streaks.get(id) ?? 0, upForMs, this.policy);
    this.streaks.set(id, streak);
    const wait = restartDelay(streak, this.policy);
    this.options.log?.(
      `${id} exited (code ${exit.code}, signal ${exit.signal}) after ${Math.round(upForMs / 1000)} s; restarting in ${wait} ms`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.revive(service.name, index);
    }, wait);
    this.timers.add(timer);
  }

  private revive(name: ServiceName, index: number): void {
    if (this.stopped) return;
    let next: ServiceProcess;
    try {
      next = this.fleet.respawn(name, index);
    } catch (err) {
      this.options.log?.(`${name} could not be restarted: ${(err as Error).message}`);
      return;
    }
    this.tally.add(next.instanceId);
    this.watch(next, index);
    this.options.onRestart?.(next);
  }
}
