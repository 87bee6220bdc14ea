import type { ServerHandle } from './mariadb.server';
import { isAlive } from './process-tools';
import {
  crashStreak,
  defaultRestartPolicy,
  restartDelay,
  RestartTally,
  type RestartPolicy,
} from './service-fleet-supervisor';

/** A server `npm start` runs (MariaDB, a NATS node) and how to start it again in place. */
export interface SupervisedServer {
  name: string;
  handle: ServerHandle;
  /** Same data dir and port: the server comes back with its data. */
  start(): Promise<ServerHandle>;
}

export interface ServerSupervisorOptions {
  policy?: Partial<RestartPolicy>;
  /** how often each server's pid is checked */
  pollMs?: number;
  log?: (line: string) => void;
  onRestart?: (name: string) => void;
}

interface Watched {
  server: SupervisedServer;
  upSince: number;
  streak: number;
  restarting: boolean;
}

/**
 * Restarts the servers `npm start` started when they exit unexpectedly, with the services'
 * backoff. Servers run detached (they may outlive us in `stack up`), so their pid is polled.
 */
export class ServerSupervisor {
  private readonly policy: RestartPolicy;
  private readonly watched: Watched[] = [];
  private readonly tally = new RestartTally();
  private readonly timers = new Set<NodeJS.Timeout>();
  private poller: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ServerSupervisorOptions = {}) {
    this.policy = { ...defaultRestartPolicy, ...options.policy };
  }

  start(servers: SupervisedServer[]): void {
    for (const server of servers) {
      this.watched.push({ server, upSince: Date.now(), streak: 0, restarting: false });
    }
    this.poller = setInterval(() => this.check(), this.options.pollMs ?? 1000);
    this.poller.unref();
  }

  /** A deliberate stop: call before stopping the servers, so nothing is restarted. */
  stop(): void {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Restarts so far, per server name. */
  restarts(): Record<string, number> {
    return this.tally.byName();
  }

  get totalRestarts(): number {
    return this.tally.total;
  }

  private check(): void {
    for (const entry of this.watched) {
      if (entry.restarting || this.stopped || isAlive(entry.server.handle.pid)) continue;
      this.scheduleRestart(entry);
    }
  }

  private scheduleRestart(entry: Watched): void {
    entry.restarting = true;
    entry.streak = crashStreak(entry.streak, Date.now() - entry.upSince, this.policy);
    const wait = restartDelay(entry.streak, this.policy);
    this.options.log?.(
      `${entry.server.name} (pid ${entry.server.handle.pid}) exited; restarting in ${wait} ms`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.restart(entry);
    }, wait);
    this.timers.add(timer);
  }

  private async restart(entry: Watched): Promise<void> {
    if (this.stopped) return;
    const { name } = entry.server;
    try {
      entry.server.handle = await entry.server.start();
    } catch (err) {
      this.options.log?.(`${name} could not be restarted: ${(err as Error).message}`);
      entry.upSince = Date.now();
      this.scheduleRestart(entry);
      return;
    }
    entry.upSince = Date.now();
    entry.restarting = false;
    this.tally.add(name);
    this.options.onRestart?.(name);
  }
}
