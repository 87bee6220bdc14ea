import type { AddStreamResult, Completions } from './add-load';
import type { ProviderCalls } from './add-fake-llm';
import type { MachineInfo } from './machine';
import type { ProcessUsage } from './resource-sampler';

export interface AddScenarioResult {
  name: string;
  description: string;
  llmLatencyMs: number;
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
      `| ${s.name} | ${s.llmLatencyMs} ms | ${s.stream.connections} | ${rate(s.stream.okPerSecond)} | ${ms(s.stream.latency.p50Ms)} | ${ms(s.stream.latency.p99Ms)} | ` +
        `${c ? rate(c.perSecond) : '-'} | ${c ? `${ms(c.latency.p50Ms)} / ${ms(c.latency.p99Ms)}` : '-'} | ` +
        `${non200.length > 0 ? non200.map(([code, n]) => `${code}: ${n}`).join(', ') : '0'}${s.stream.errors ? `, errors ${s.stream.errors}` : ''} | ` +
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

export function renderReport(runs: AddPipelineRun[], intro: string): string {
  return [intro, '', ...runs.map(renderRun)].join('\n');
}
