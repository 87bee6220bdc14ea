export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const LEVEL_NUMBERS: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

const READY_MARKER = '"event":"service.ready"';

/** Whether a service's stdout line announces that it is ready. */
export function isReadyLine(line: string): boolean {
  return line.includes(READY_MARKER);
}

/** The pino level of a JSON log line (label or number); undefined for anything else. */
export function logLevelOf(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { level?: unknown };
    if (typeof parsed.level === 'number') return parsed.level;
    if (typeof parsed.level === 'string' && parsed.level in LEVEL_NUMBERS) {
      return LEVEL_NUMBERS[parsed.level as LogLevel];
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a line is worth echoing at the given level: lines at or above it, the ready line,
 * and anything that is not a JSON log line (a crash's stack trace, say).
 */
export function shouldEcho(line: string, minLevel: LogLevel): boolean {
  if (isReadyLine(line)) return true;
  const level = logLevelOf(line);
  return level === undefined || level >= LEVEL_NUMBERS[minLevel];
}

// Fields every line carries: the echo prefix and the level already say them.
const QUIET_FIELDS = new Set(['level', 'time', 'service', 'instance', 'msg', 'pid', 'hostname']);

/** A JSON log line as `LEVEL message {other fields}` for people; other lines unchanged. */
export function formatForEcho(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const level = typeof parsed.level === 'string' ? parsed.level.toUpperCase() : parsed.level;
    const rest = Object.fromEntries(Object.entries(parsed).filter(([k]) => !QUIET_FIELDS.has(k)));
    const parts = [
      String(level),
      typeof parsed.msg === 'string' ? parsed.msg : '',
      Object.keys(rest).length > 0 ? JSON.stringify(rest) : '',
    ];
    return parts.filter((part) => part.length > 0).join(' ');
  } catch {
    return line;
  }
}

/** Splits a stream into lines, keeping a partial last line until its end arrives. */
export class LineSplitter {
  private pending = '';

  push(chunk: string): string[] {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.map((line) => line.replace(/\r$/, '')).filter((line) => line.length > 0);
  }

  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest.length > 0 ? [rest] : [];
  }
}

/** Keeps the last `capacity` lines. */
export class LogRing {
  private readonly lines: string[] = [];

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  last(count = this.capacity): string[] {
    return this.lines.slice(-count);
  }
}
