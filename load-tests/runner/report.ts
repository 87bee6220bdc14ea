import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BusTiming } from './bus-timings';
import { bytesPerMemory, type IndexGauges } from './index-gauges';
import type { StreamResult } from './load-stream';
import type { ProcessUsage } from './resource-sampler';
import type { RssPeak, TargetCheck } from './targets';
import type { MachineInfo } from './machine';

export interface SeedOutcome {
  memories: number;
  scopes: number;
  requests: number;
  seconds: number;
  /** one search per scope and the wait for the index (and its graphs) to hold them all */
  primeSeconds?: number;
}

export interface ScenarioReport {
  name: string;
  description: string;
  durationSeconds: number;
  streams: StreamResult[];
  processes: ProcessUsage[];
  busTimings: BusTiming[];
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  /** 1-minute load average before the stack started and at the end; above `cpus` = contended. */
  loadAverage: { before: number; after: number };
  stack: {
    database: string;
    instances: Record<string, number>;
    logLevel: string;
    /** local (GloVe, 100-d) or fake-openai (1536-d); absent in reports from before the option */
    embedder?: string;
    /** api (adds through the gateway) or direct (rows written into the vector-store's table) */
    seed?: string;
  };
  warmupSeconds: number;
  seed: SeedOutcome;
  scenarios: ScenarioReport[];
  rssPeaks: RssPeak[];
  targets: TargetCheck[];
  /** the vector-store's search index at the end (absent before the index existed) */
  searchIndex?: IndexGauges[];
}

/** Writes `<dir>/<timestamp>.md` and `.json`; returns both paths. */
export async function writeReport(
  report: BenchReport,
  dir: string,
): Promise<{ markdown: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const stamp = fileStamp(report.startedAt);
  const paths = { markdown: join(dir, `${stamp}.md`), json: join(dir, `${stamp}.json`) };
  await writeFile(paths.markdown, renderMarkdown(report));
  await writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  return paths;
}

/**
 * Writes a runner's own JSON report as `<dir>/<runner>-<label>-<startedAt>.json` (the runners that
 * compare before and after runs by label); returns the path.
 */
export async function writeLabelledReport(
  dir: string,
  runner: string,
  report: { label: string; startedAt: string },
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${runner}-${report.label}-${fileStamp(report.startedAt)}.json`);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

/** An ISO timestamp as a file name part. */
function fileStamp(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}

export function renderMarkdown(report: BenchReport): string {
  const { machine, stack, seed } = report;
  const instances = Object.entries(stack.instances)
    .map(([name, count]) => `${name} x${count}`)
    .join(', ');
  return [
    `# Mnemo load test, ${report.startedAt}`,
    '',
    `- Machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GiB, ${machine.platform}, Node ${machine.node}`,
    '- Load generator, services, MariaDB and NATS share these cores; traffic goes to 127.0.0.1 only.',
    `- Load average (1 min): ${report.loadAverage.before.toFixed(1)} before, ${report.loadAverage.after.toFixed(1)} after${contended(report) ? ' (other work was competing for the CPU: treat the numbers with care)' : ''}`,
    `- Database: ${stack.database}; services: ${instances}; log level ${stack.logLevel}; embedder ${stack.embedder ?? 'local'}`,
    seedLine(stack.seed, seed),
    `- Each scenario after a ${report.warmupSeconds} s warm-up that is not counted`,
    '',
    '## Targets',
    '',
    table(
      ['target', 'measured', 'limit', 'result'],
      report.targets.map((t) => [t.target, t.measured, t.limit, verdict(t.pass)]),
    ),
    '',
    ...report.scenarios.flatMap(renderScenario),
    '## Peak RSS over the whole run',
    '',
    table(
      ['process', 'peak RSS (MB)'],
      report.rssPeaks.map((p) => [p.name, p.peakRssMb.toFixed(0)]),
    ),
    '',
    ...renderSearchIndex(report.searchIndex ?? []),
  ].join('\n');
}

function seedLine(how: string | undefined, seed: SeedOutcome): string {
  const rate = (seed.memories / Math.max(seed.seconds, 0.001)).toFixed(0);
  const by =
    how === 'direct'
      ? "written straight into the vector-store table with the embedder's vectors"
      : `with ${seed.requests} infer:false adds`;
  const primed =
    seed.primeSeconds === undefined
      ? ''
      : `; the index loaded them (and built its graphs) in ${seed.primeSeconds.toFixed(1)} s before the first scenario`;
  return `- Seeded ${seed.memories} memories in ${seed.scopes} scopes ${by} in ${seed.seconds.toFixed(1)} s (${rate} memories/s)${primed}`;
}

function renderSearchIndex(gauges: IndexGauges[]): string[] {
  if (gauges.length === 0) return [];
  return [
    '## Search index at the end',
    '',
    table(
      ['instance', 'scopes', 'HNSW scopes', 'memories', 'estimated bytes', 'bytes per memory'],
      gauges.map((g) => [
        g.instance,
        String(g.scopes),
        String(g.annScopes ?? '-'),
        String(g.memories),
        String(g.bytes),
        bytesPerMemory(g),
      ]),
    ),
    '',
  ];
}

function renderScenario(scenario: ScenarioReport): string[] {
  return [
    `## Scenario \`${scenario.name}\` (${scenario.durationSeconds} s)`,
    '',
    scenario.description,
    '',
    table(
      [
        'stream',
        'conns',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'requests',
        'errors',
        'timeouts',
        'non-2xx',
      ],
      scenario.streams.map((s) => [
        s.kind,
        String(s.connections),
        s.requestsPerSecond.toFixed(0),
        s.latency.p50Ms.toFixed(1),
        s.latency.p95Ms.toFixed(1),
        s.latency.p99Ms.toFixed(1),
        s.latency.maxMs.toFixed(0),
        String(s.requests),
        String(s.errors),
        String(s.timeouts),
        nonSuccess(s),
      ]),
    ),
    '',
    table(
      ['process', 'CPU % of one core', 'peak RSS (MB)'],
      scenario.processes.map((p) => [p.name, p.cpuPercent.toFixed(0), p.peakRssMb.toFixed(0)]),
    ),
    '',
    'NATS requests in this window, by total time (`handled`: answering; `called`: waiting on another service):',
    '',
    table(
      ['instance', 'side', 'subject', 'count', 'mean ms'],
      scenario.busTimings
        .slice(0, BUS_ROWS)
        .map((t) => [t.instance, t.side, t.subject, String(t.count), t.meanMs.toFixed(1)]),
    ),
    '',
  ];
}

const BUS_ROWS = 12;

function nonSuccess(stream: StreamResult): string {
  if (stream.non2xx === 0) return '0';
  const codes = Object.entries(stream.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${count}x${code}`);
  return `${stream.non2xx} (${codes.join(', ')})`;
}

function contended(report: BenchReport): boolean {
  return report.loadAverage.before > report.machine.cpus * 0.5;
}

function verdict(pass: boolean | undefined): string {
  if (pass === undefined) return 'not measured';
  return pass ? 'PASS' : 'FAIL';
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
