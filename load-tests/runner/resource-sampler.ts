import { readFile } from 'node:fs/promises';

export interface WatchedProcess {
  /** Instance id, e.g. `embedder-0`, or `mariadb`. */
  name: string;
  /** Service the target applies to, e.g. `embedder`; infrastructure has none. */
  service?: string;
  pid: number;
}

export interface ProcessUsage {
  name: string;
  service?: string;
  peakRssMb: number;
  /** Share of one core over the window, from /proc's user + system time. */
  cpuPercent: number;
}

// USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux build that matters.
const CLOCK_TICKS_PER_SECOND = 100;
const MAX_SAMPLES = 100_000;

interface Window {
  startedAt: number;
  startTicks: Map<string, number>;
  peaks: Map<string, number>;
}

/** Samples RSS and CPU time of the given processes from Linux /proc at a fixed interval. */
export class ResourceSampler {
  private readonly overallPeaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private window: Window | undefined;
  private samples = 0;

  constructor(
    private readonly processes: WatchedProcess[],
    private readonly intervalMs = 250,
  ) {}

  /** False where /proc is missing (not Linux): the report then shows no memory numbers. */
  static async isSupported(): Promise<boolean> {
    return readFile('/proc/self/stat', 'utf8').then(
      () => true,
      () => false,
    );
  }

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Starts a measurement window (one scenario): its own RSS peaks and CPU time. */
  async beginWindow(): Promise<void> {
    const startTicks = new Map<string, number>();
    for (const process of this.processes) {
      const stat = await readStat(process.pid);
      if (stat) startTicks.set(process.name, stat.ticks);
    }
    this.window = { startedAt: performance.now(), startTicks, peaks: new Map() };
    await this.sample();
  }

  async endWindow(): Promise<ProcessUsage[]> {
    const window = this.window;
    if (!window) throw new Error('endWindow() without beginWindow()');
    await this.sample();
    this.window = undefined;
    const seconds = (performance.now() - window.startedAt) / 1000;
    const usage: ProcessUsage[] = [];
    for (const process of this.processes) {
      const stat = await readStat(process.pid);
      const start = window.startTicks.get(process.name);
      const cpuSeconds =
        stat && start !== undefined ? (stat.ticks - start) / CLOCK_TICKS_PER_SECOND : 0;
      usage.push({
        name: process.name,
        service: process.service,
        peakRssMb: window.peaks.get(process.name) ?? 0,
        cpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : 0,
      });
    }
    return usage;
  }

  /** Highest RSS seen per process since start(). */
  peaks(): { name: string; service?: string; peakRssMb: number }[] {
    return this.processes.map((p) => ({
      name: p.name,
      service: p.service,
      peakRssMb: this.overallPeaks.get(p.name) ?? 0,
    }));
  }

  private async sample(): Promise<void> {
    if (this.samples >= MAX_SAMPLES) return;
    this.samples += 1;
    await Promise.all(
      this.processes.map(async (process) => {
        const rssMb = await readRssMb(process.pid);
        if (rssMb === undefined) return;
        raise(this.overallPeaks, process.name, rssMb);
        if (this.window) raise(this.window.peaks, process.name, rssMb);
      }),
    );
  }
}

function raise(peaks: Map<string, number>, name: string, value: number): void {
  if (value > (peaks.get(name) ?? 0)) peaks.set(name, value);
}

async function readRssMb(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : undefined;
}

async function readStat(pid: number): Promise<{ ticks: number } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ticks: Number(fields[11]) + Number(fields[12]) };
}
