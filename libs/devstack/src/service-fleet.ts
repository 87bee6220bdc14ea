import { join } from 'node:path';
import type { LogLevel } from './log-lines';
import type { ServiceName } from './service-names';
import { ServiceProcess, type ServiceExit } from './service-process';

export interface ServiceFleetOptions {
  workspaceRoot: string;
  /** The environment every service gets; per-start env is laid over it. */
  env: NodeJS.ProcessEnv;
  /**
   * Each service's own `MNEMO_MYSQL_URL` (its least-privilege account); when given, a service
   * without one (the embedder) gets none, whatever `env` says.
   */
  mysqlUrls?: Partial<Record<ServiceName, string>>;
  /** Each service's own `MNEMO_NATS_URL` (carrying its NATS user), laid over `env`'s. */
  natsUrls?: Partial<Record<ServiceName, string>>;
  echo?: LogLevel | false;
  echoTo?: (line: string) => void;
  /** Each instance appends its whole log to `<logDir>/<instanceId>.log`. */
  logDir?: string;
  readyTimeoutMs?: number;
}

export interface StartInstanceOptions {
  instanceId?: string;
  env?: Record<string, string>;
}

/** A set of running service instances, addressed by service name and instance index. */
export class ServiceFleet {
  private readonly slots = new Map<ServiceName, ServiceProcess[]>();

  constructor(private readonly options: ServiceFleetOptions) {}

  /** Spawns one more instance of a service (without waiting for it to be ready). */
  spawn(name: ServiceName, options: StartInstanceOptions = {}): ServiceProcess {
    const slots = this.slots.get(name) ?? [];
    this.slots.set(name, slots);
    const service = this.create(name, options.instanceId ?? `${name}-${slots.length}`, options.env);
    slots.push(service);
    return service;
  }

  /** Spawns the given number of instances of each service and waits until all are ready. */
  async startAll(counts: Partial<Record<ServiceName, number>>): Promise<void> {
    const started: ServiceProcess[] = [];
    for (const [name, count] of Object.entries(counts) as [ServiceName, number][]) {
      for (let i = 0; i < count; i++) started.push(this.spawn(name));
    }
    try {
      await Promise.all(started.map((service) => service.ready));
    } catch (error) {
      await this.stopAll();
      throw error;
    }
  }

  /** The instance at `index` (in start order) of a service. */
  get(name: ServiceName, index = 0): ServiceProcess {
    const service = this.slots.get(name)?.[index];
    if (!service) throw new Error(`No instance ${index} of ${name} was started`);
    return service;
  }

  all(): ServiceProcess[] {
    return [...this.slots.values()].flat();
  }

  /** An error quoting the logs of the first instance that has exited, if any has. */
  exitedError(): Error | undefined {
    const dead = this.all().find((service) => !service.running);
    return dead && new Error(`${dead.instanceId} exited:\n${dead.logs(40).join('\n')}`);
  }

  /** SIGKILL, as a crash would: every instance of the service, or only the one at `index`. */
  async kill(name: ServiceName, index?: number): Promise<ServiceExit[]> {
    const targets = index === undefined ? (this.slots.get(name) ?? []) : [this.get(name, index)];
    return Promise.all(targets.map((service) => service.kill()));
  }

  /** Stops the instance if it still runs, then starts it again with the same instance id. */
  async restart(name: ServiceName, index = 0): Promise<ServiceProcess> {
    await this.get(name, index).stop();
    const next = this.respawn(name, index);
    await next.ready;
    return next;
  }

  /** Starts an exited instance again in its slot, same id and env, without waiting for ready. */
  respawn(name: ServiceName, index = 0): ServiceProcess {
    const previous = this.get(name, index);
    if (previous.running) throw new Error(`${previous.instanceId} is still running`);
    const next = this.create(name, previous.instanceId, previous.extraEnv);
    this.slots.get(name)?.splice(index, 1, next);
    return next;
  }

  /** Stops the gateway first so no new work comes in, then everything else at once. */
  async stopAll(): Promise<void> {
    const services = this.all();
    await Promise.all(services.filter((s) => s.name === 'gateway').map((s) => s.stop()));
    await Promise.all(services.map((s) => s.stop()));
  }

  private baseEnv(name: ServiceName): NodeJS.ProcessEnv {
    const { env, mysqlUrls, natsUrls } = this.options;
    const nats = natsUrls?.[name];
    const withNats = nats ? { ...env, MNEMO_NATS_URL: nats } : env;
    if (!mysqlUrls) return withNats;
    const { MNEMO_MYSQL_URL: _shared, ...rest } = withNats;
    const own = mysqlUrls[name];
    return own ? { ...rest, MNEMO_MYSQL_URL: own } : rest;
  }

  private create(name: ServiceName, instanceId: string, env?: Record<string, string>) {
    const { logDir } = this.options;
    return new ServiceProcess({
      name,
      instanceId,
      workspaceRoot: this.options.workspaceRoot,
      env: { ...this.baseEnv(name), ...env },
      extraEnv: env,
      echo: this.options.echo,
      echoTo: this.options.echoTo,
      logFile: logDir ? join(logDir, `${instanceId}.log`) : undefined,
      readyTimeoutMs: this.options.readyTimeoutMs,
    });
  }
}
