import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from '../runner/machine';
import type { LatencySummary } from '../runner/latency-recorder';
import { RECALL_DEPTHS, renderRecallTable, type RecallRow } from './recall';

/** Recall the offline ranking must reach over all questions (issue 14), per depth. */
export const RECALL_TARGETS = [0.58, 0.68, 0.78, 0.84] as const;

// Published on the same data (LoCoMo, ACL 2024, Table 3), for the reader's comparison.
const REFERENCES = [
  { name: 'DRAGON (dense retriever)', recall: [56.7, 66.2, 76.7, 82.7] },
  { name: 'BM25 with stemming', recall: [55.8, 62.9, 70.8, 75.5] },
];

export interface EvalReport {
  label: string;
  startedAt: string;
  commit: string;
  machine: MachineInfo;
  conversations: string[];
  turns: number;
  memories: number;
  droppedQuestions: number;
  rows: RecallRow[];
  addSeconds: number;
  searchLatency: LatencySummary;
}

const HISTORY_START = '<!-- runs: one row per `npm run eval`, newest last -->';

/** Writes the report, keeping the rows of earlier runs found in the file it replaces. */
export function writeEvalReport(path: string, report: EvalReport): string {
  const earlier = existsSync(path) ? historyRows(readFileSync(path, 'utf8')) : [];
  const markdown = renderEvalReport(report, [...earlier, historyRow(report)]);
  writeFileSync(path, markdown);
  return markdown;
}

export function targetLines(all: RecallRow): string[] {
  return RECALL_DEPTHS.map((k, i) => {
    const pass = all.recall[i] >= RECALL_TARGETS[i];
    const got = (100 * all.recall[i]).toFixed(1);
    return `- R@${k}: ${got} % (target ${(100 * RECALL_TARGETS[i]).toFixed(0)} %) ${pass ? 'PASS' : 'FAIL'}`;
  });
}

export function renderEvalReport(report: EvalReport, history: string[]): string {
  const latency = report.searchLatency;
  return `# LoCoMo retrieval recall, offline providers

Measured by \`npm run eval\` (\`load-tests/eval/\`) on ${report.startedAt}, ${report.commit},
${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}.

Protocol (\`../shared/data/locomo-dev/README.md\`, the LoCoMo paper's): an isolated stack with the
offline providers (GloVe embedder, rule extractor); conversations ${report.conversations.join(', ')},
one user each; every turn added verbatim through \`POST /memories\` (\`infer: false\`) as
\`"<speaker>: <text>"\` with its \`dia_id\` in metadata (${report.turns} turns, ${report.memories}
memories: a text said twice in a conversation is stored once); every question with a valid evidence
id searched through \`POST /search\` in its user's scope, \`top_k\` 50, \`threshold\` 0
(${report.droppedQuestions} questions had none). Recall@k of a question: the share of its evidence
turns among the first k results; the mean over the questions.

## Recall (%) — run "${report.label}"

${renderRecallTable(report.rows)}

Targets over all questions:

${targetLines(report.rows[0]).join('\n')}

Published on the full LoCoMo set, for comparison:

| | R@5 | R@10 | R@25 | R@50 |
|---|---:|---:|---:|---:|
${REFERENCES.map((r) => `| ${r.name} | ${r.recall.join(' | ')} |`).join('\n')}

Adds took ${report.addSeconds.toFixed(1)} s in all; searches (${latency.count}, 8 at once) took
p50 ${latency.p50Ms.toFixed(1)} ms, p95 ${latency.p95Ms.toFixed(1)} ms, p99 ${latency.p99Ms.toFixed(1)} ms.

## Runs

${HISTORY_START}
| label | when | commit | R@5 | R@10 | R@25 | R@50 | search p50 ms |
|---|---|---|---:|---:|---:|---:|---:|
${history.join('\n')}
`;
}

function historyRow(report: EvalReport): string {
  const recall = report.rows[0].recall.map((v) => (100 * v).toFixed(1)).join(' | ');
  const p50 = report.searchLatency.p50Ms.toFixed(1);
  return `| ${report.label} | ${report.startedAt} | ${report.commit} | ${recall} | ${p50} |`;
}

function historyRows(markdown: string): string[] {
  const start = markdown.indexOf(HISTORY_START);
  if (start < 0) return [];
  return markdown
    .slice(start)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| label '));
}
