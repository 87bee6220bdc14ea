import { SingleBar } from 'cli-progress';

export interface Progress {
  start(total: number): void;
  /** `value` done of the total; `counts` are shown after the bar */
  update(value: number, counts?: Record<string, number>, total?: number): void;
  stop(): void;
  /** A line that must not be drawn over by the bar. */
  log(line: string): void;
}

/**
 * A progress bar on stderr with a rate and an ETA (cli-progress). Without a terminal it prints a
 * plain line every 2 s instead, so logs of scripted runs still show progress; `enabled: false`
 * prints nothing at all.
 */
export function progressBar(label: string, enabled: boolean): Progress {
  if (!enabled) {
    return {
      start: () => undefined,
      update: () => undefined,
      stop: () => undefined,
      log: (line) => process.stderr.write(`${line}\n`),
    };
  }
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total} | {rate}/s | ETA {eta_formatted}{counts}`,
    stream: process.stderr,
    barsize: 24,
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    etaBuffer: 50,
    fps: 5,
  });
  let started = 0;
  let running = false;
  const payload = (value: number, counts: Record<string, number> = {}) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const shown = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    return { rate: Math.round(value / seconds), counts: shown ? ` | ${shown}` : '' };
  };
  return {
    start(total) {
      started = Date.now();
      running = true;
      bar.start(total, 0, payload(0));
    },
    update(value, counts, total) {
      if (!running) return;
      if (total !== undefined) bar.setTotal(total);
      bar.update(value, payload(value, counts));
    },
    stop() {
      if (!running) return;
      running = false;
      bar.stop();
    },
    log(line) {
      if (running && process.stderr.isTTY) {
        // the line takes the bar's place; the bar moves below it, where it restores the cursor to
        process.stderr.write(`\r\x1b[K${line}\n\x1b7`);
        bar.render();
      } else {
        process.stderr.write(`${line}\n`);
      }
    },
  };
}
