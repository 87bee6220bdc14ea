import type { AddStreamResult, Completions } from './add-load';
import type { ProviderCalls } from './add-fake-llm';
import type { MachineInfo } from './machine';
import type { ProcessUsage } from './resource-sampler';

export interface AddScenarioResult {
  name: string;
  description: string;
  llmLatencyMs: number;
  /** the embeddings' answer time when it differs from the LLM's (runs before it: the same) */
  embeddingLatencyMs?: number;
  stream: AddStreamResult;
  /** asynchronous adds: those that reached SUCCEEDED inside the window */
  completions?: Completions;
  /** the adds the provider calls are divided by */
  adds: number;
  calls: ProviderCalls;
  usage: ProcessUsage[];
  loadAverage: { before: number[]; after: number[] };
}

export interface AddPipelineRun {
  label: string;
  commit: string;
  startedAt: string;
  machine: MachineInfo;
  scenarios: AddScenarioResult[];
}

const ms = (value: number) => `${Math.round(value)}`;
const rate = (value: number) => value.toFixed(1);
const per = (count: number, adds: number) => (adds > 0 ? (count / adds).toFixed(2) : '-');
const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');

/** One run's tables: throughput and latency, provider calls per add, CPU and RSS per process. */
export function renderRun(run: AddPipelineRun): string {
  const busy = run.scenarios.some(
    (s) => Math.max(s.loadAverage.before[0], s.loadAverage.after[0]) > run.machine.cpus,
  );
  const lines = [
    `### ${run.label} (${run.commit}, ${run.startedAt})`,
    '',
    `Machine: ${run.machine.cpus} x ${run.machine.cpuModel}, ${run.machine.memoryGb} GB, Node ${run.machine.node}, ${run.machine.platform}.` +
      (busy
        ? " **Busy machine**: the load average was above the core count during the run (other engineers' tests), so these numbers are low bounds."
        : ''),
    '',
    '| Scenario | LLM latency | Connections | OK answers/s | p50 ms | p99 ms | Completed adds/s | Accepted→SUCCEEDED p50 / p99 ms | Non-200 | Load avg 1/5/15 min, before → after |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of run.scenarios) {
    const c = s.completions;
    const non200 = Object.entries(s.stream.statusCodes).filter(([code]) => code !== '200');
    lines.push(
      `| ${s.name} | ${s.llmLatencyMs} ms${s.embeddingLatencyMs !== undefined && s.embeddingLatencyMs !== s.llmLatencyMs ? ` (embeddings ${s.embeddingLatencyMs} ms)` : ''} | ${s.stream.connections} | ${rate(s.stream.okPerSecond)} | ${ms(s.stream.latency.p50Ms)} | ${ms(s.stream.latency.p99Ms)} | ` +
        `${c ? rate(c.perSecond) : '-'} | ${c ? `${ms(c.latency.p50Ms)} / ${ms(c.latency.p99Ms)}` : '-'} | ` +
        `${non200.length > 0 ? non200.map(([code, n]) => `${code}: ${n}`).join(', ') : '0'}${s.stream.errors ? `, errors ${s.stream.errors}` : ''}${s.stream.dropped ? `, not sent (all ${s.stream.connections} waiting) ${s.stream.dropped}` : ''} | ` +
        `${load(s.loadAverage.before)} → ${load(s.loadAverage.after)} |`,
    );
  }
  lines.push(
    '',
    '| Scenario | Adds | Chat calls / add | Embedding requests / add | Texts embedded / add |',
    '|---|---|---|---|---|',
  );
  for (const s of run.scenarios) {
    lines.push(
      `| ${s.name} | ${s.adds} | ${per(s.calls.chatCalls, s.adds)} | ${per(s.calls.embeddingRequests, s.adds)} | ${per(s.calls.embeddingInputs, s.adds)} |`,
    );
  }
  const names = [...new Set(run.scenarios.flatMap((s) => s.usage.map((u) => u.name)))];
  lines.push(
    '',
    `| Process | ${run.scenarios.map((s) => `${s.name} CPU % / RSS MB`).join(' | ')} |`,
  );
  lines.push(`|---|${run.scenarios.map(() => '---').join('|')}|`);
  for (const name of names) {
    const cells = run.scenarios.map((s) => {
      const usage = s.usage.find((u) => u.name === name);
      return usage ? `${Math.round(usage.cpuPercent)} / ${Math.round(usage.peakRssMb)}` : '-';
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  lines.push('', ...run.scenarios.map((s) => `- **${s.name}**: ${s.description}`), '');
  return lines.join('\n');
}

const intro = `# Add pipeline benchmark

\`npx tsx load-tests/add-pipeline.ts --label before|after\` starts an isolated stack (one instance of
each service, its own MariaDB and NATS on loopback, the load generator in the same process as the
fake OpenAI-compatible server, all on this machine) whose LLM and embedder are that fake (1536-d
vectors), and runs, one after another, each on a project of its own:

- verbatim writes: OSS \`POST /memories\` with \`infer: false\`, one message per request (one memory),
  200 users, at one connection (a single write's own latency), at 8 and at 64, the fake answering
  at once;
- synchronous inferred adds: OSS \`POST /memories\`, 200 users, 64 connections, the fake answering
  every chat request after 200 ms (its latency control) and every embedding request after 20 ms
  (\`--embedding-latency\`; runs before 2026-12-07 09:00 UTC waited 200 ms for embeddings too);
- asynchronous Platform adds: \`POST /v3/memories/add/\` (async default) offered at a fixed rate for a
  60 s window, completed adds/s = events SUCCEEDED inside the window (the events' own timestamps).

Targets (issue 11): verbatim ≥ 1,000 memories/s; completed ≥ 250 adds/s; async accept p99 ≤ 20 ms;
synchronous add p50 ≤ 2 LLM round trips + 40 ms (440 ms). Provider calls per add come from the
fake's request log; CPU is the share of one core over the scenario, RSS the peak.`;

export function renderReport(runs: AddPipelineRun[]): string {
  return [intro, '', ...runs.map(renderRun)].join('\n');
}
