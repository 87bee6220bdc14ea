import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { childReaper, killGroup } from './child-reaper';
import {
  formatForEcho,
  isReadyLine,
  LineSplitter,
  LogRing,
  shouldEcho,
  type LogLevel,
} from './log-lines';
import { serviceMainPath, type ServiceName } from './service-names';

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  name: ServiceName;
  workspaceRoot: string;
  /** The child's whole environment; MNEMO_INSTANCE_ID is added. */
  env: NodeJS.ProcessEnv;
  /** The part of `env` given for this instance only, kept so a restart can repeat it. */
  extraEnv?: Record<string, string>;
  /** Defaults to `<name>-0`. */
  instanceId?: string;
  /** Echo lines at or above this level with a `[instance]` prefix; false keeps quiet. */
  echo?: LogLevel | false;
  /** Where echoed lines go; defaults to our stdout. */
  echoTo?: (line: string) => void;
  /** Every line is appended here too. */
  logFile?: string;
  readyTimeoutMs?: number;
  /** How many recent lines are kept for error messages and `logs()`. */
  ringSize?: number;
}

type LineListener = (line: string) => void;

/** One running Mnemo service: `node dist/.../main.js` with its logs kept and its readiness tracked. */
export class ServiceProcess {
  readonly name: ServiceName;
  readonly instanceId: string;
  /** Resolves on the `service.ready` line; rejects if the process exits first or times out. */
  readonly ready: Promise<void>;
  /** Resolves once the process has exited and its output is drained. */
  readonly exited: Promise<ServiceExit>;

  private readonly child: ChildProcess;
  private readonly ring: LogRing;
  private readonly listeners = new Set<LineListener>();
  private readonly logStream: WriteStream | undefined;
  private exit: ServiceExit | undefined;

  constructor(private readonly options: ServiceProcessOptions) {
    this.name = options.name;
    this.instanceId = options.instanceId ?? `${options.name}-0`;
    this.ring = new LogRing(options.ringSize ?? 500);
    const main = serviceMainPath(options.workspaceRoot, options.name);
    if (!existsSync(main)) {
      throw new Error(`${main} is missing: build first (npx nx run-many -t build)`);
    }
    this.logStream = options.logFile
      ? createWriteStream(options.logFile, { flags: 'a' })
      : undefined;
    // MNEMO_CPU_PROF_DIR (benchmarks): each service writes a V8 CPU profile there when it stops.
    const profileDir = options.env.MNEMO_CPU_PROF_DIR;
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    this.child = spawn(process.execPath, [...profile, main], {
      cwd: options.workspaceRoot,
      env: { ...options.env, MNEMO_INSTANCE_ID: this.instanceId },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = this.child.pid;
    if (pid) childReaper.watch(pid);
    this.exited = this.trackExit(pid);
    this.pipeOutput();
    this.ready = this.trackReady(options.readyTimeoutMs ?? 60_000);
    // Callers may never await `ready`; a crash then shows in `exited`, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get extraEnv(): Record<string, string> | undefined {
    return this.options.extraEnv;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** The most recent lines of stdout and stderr. */
  logs(count?: number): string[] {
    return this.ring.last(count);
  }

  /** Calls `listener` for every later output line; returns the unsubscribe function. */
  onLine(listener: LineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first later line that matches. */
  waitForLine(matches: (line: string) => boolean, timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.instanceId}: no matching log line within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onLine((line) => {
        if (!matches(line)) return;
        clearTimeout(timer);
        off();
        resolve(line);
      });
    });
  }

  /** SIGTERM (the service drains), then SIGKILL if it is still there after the grace period. */
  async stop(graceMs = 15_000): Promise<ServiceExit> {
    if (this.exit) return this.exit;
    this.signal('SIGTERM');
    const graceful = await Promise.race([this.exited, delay(graceMs, undefined, { ref: false })]);
    if (graceful) return graceful;
    this.signal('SIGKILL');
    return this.exited;
  }

  /** SIGKILL at once, as a crash would. */
  async kill(): Promise<ServiceExit> {
    if (this.exit) return this.exit;
    this.signal('SIGKILL');
    return this.exited;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child.pid) killGroup(this.child.pid, signal);
  }

  private trackExit(pid: number | undefined): Promise<ServiceExit> {
    return new Promise((resolve) => {
      const finish = (exit: ServiceExit) => {
        if (this.exit) return;
        this.exit = exit;
        if (pid) childReaper.unwatch(pid);
        this.logStream?.end();
        resolve(exit);
      };
      this.child.once('close', (code, signal) => finish({ code, signal }));
      this.child.once('error', (error) => {
        this.record(`[spawn error] ${error.message}`);
        finish({ code: null, signal: null });
      });
    });
  }

  private trackReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(this.failure(`was not ready within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onLine((line) => {
        if (!isReadyLine(line)) return;
        clearTimeout(timer);
        off();
        resolve();
      });
      void this.exited.then((exit) => {
        clearTimeout(timer);
        off();
        reject(
          this.failure(`exited (code ${exit.code}, signal ${exit.signal}) before it was ready`),
        );
      });
    });
  }

  private failure(what: string): Error {
    const lines = this.ring.last(40).join('\n');
    return new Error(`${this.instanceId} ${what}. Last log lines:\n${lines}`);
  }

  private pipeOutput(): void {
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      const splitter = new LineSplitter();
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) =>
        splitter.push(chunk).forEach((line) => this.record(line)),
      );
      stream.on('end', () => splitter.flush().forEach((line) => this.record(line)));
    }
  }

  private record(line: string): void {
    this.ring.push(line);
    this.logStream?.write(`${line}\n`);
    const { echo } = this.options;
    if (echo && shouldEcho(line, echo)) {
      const write = this.options.echoTo ?? ((text: string) => process.stdout.write(`${text}\n`));
      write(`[${this.instanceId}] ${formatForEcho(line)}`);
    }
    for (const listener of [...this.listeners]) listener(line);
  }
}
