import type { LedgerEntry } from './ledger-clients';
import type { Reconciliation } from './ledger-reconcile';

export interface FaultMark {
  at: number;
  what: string;
}

export interface RouteSummary {
  route: string;
  requests: number;
  ok: number;
  /** 5xx and no-answer */
  failed: number;
  /** of those, no answer at all (connection refused or reset, deadline) */
  noAnswer: number;
  hung: number;
  longestFailureWindowMs: number;
  /** when that window began, ms from the start */
  longestFailureFromMs: number;
  p99DuringMs: number;
  p99AfterMs: number;
}

const isFailure = (entry: LedgerEntry) => entry.status === 0 || entry.status >= 500;

/** Per route: counts, the longest stretch in which every answer failed, p99 during and after. */
export function summariseRoutes(entries: LedgerEntry[], calmFrom: number): RouteSummary[] {
  const routes = [...new Set(entries.map((entry) => entry.route))];
  return routes.map((route) => {
    const mine = entries.filter((entry) => entry.route === route).sort((a, b) => a.at - b.at);
    return {
      route,
      requests: mine.length,
      ok: mine.filter((entry) => entry.status >= 200 && entry.status < 300).length,
      failed: mine.filter(isFailure).length,
      noAnswer: mine.filter((entry) => entry.status === 0).length,
      hung: mine.filter((entry) => entry.hung).length,
      ...longestFailureWindow(mine),
      p99DuringMs: p99(mine.filter((entry) => entry.at < calmFrom)),
      p99AfterMs: p99(mine.filter((entry) => entry.at >= calmFrom)),
    };
  });
}

/** From the first failed answer to the next good one (answer times, not send times). */
function longestFailureWindow(sorted: LedgerEntry[]) {
  let longest = { longestFailureWindowMs: 0, longestFailureFromMs: 0 };
  let since: number | undefined;
  for (const entry of sorted) {
    const answeredAt = entry.at + entry.ms;
    if (isFailure(entry)) since ??= answeredAt;
    else if (since !== undefined) {
      if (answeredAt - since > longest.longestFailureWindowMs) {
        longest = { longestFailureWindowMs: answeredAt - since, longestFailureFromMs: since };
      }
      since = undefined;
    }
  }
  return longest;
}

function p99(entries: LedgerEntry[]): number {
  const sorted = entries.map((entry) => entry.ms).sort((a, b) => a - b);
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

export function ledgerMarkdown(
  faults: FaultMark[],
  routes: RouteSummary[],
  outcome: Reconciliation,
): string {
  const lost = outcome.syncAckedMissing + outcome.asyncSucceededMissing + outcome.asyncUnfinished;
  const lines = [
    '| acknowledged adds | lost | duplicated | failed with a reason | failed without one |',
    '|---|---|---|---|---|',
    `| ${outcome.syncAcked} sync + ${outcome.asyncAccepted} async | **${lost}** | **${outcome.duplicates}** | ${outcome.asyncFailedWithReason} | ${outcome.asyncFailedWithoutReason} |`,
    '',
    `Sync adds answered with an error but applied later (their job stayed queued): ${outcome.syncUnackedApplied}. ` +
      `Async adds not final when the drain ended: ${outcome.asyncUnfinished}.`,
    '',
    '| route | requests | 2xx | 5xx or no answer | past the deadline | longest failing window | p99 during faults | p99 after |',
    '|---|---|---|---|---|---|---|---|',
    ...routes.map(
      (r) =>
        `| ${r.route} | ${r.requests} | ${r.ok} | ${r.failed} (${r.noAnswer} no answer) | ${r.hung} | ${(r.longestFailureWindowMs / 1000).toFixed(1)} s from ${(r.longestFailureFromMs / 1000).toFixed(1)} s | ${r.p99DuringMs} ms | ${r.p99AfterMs} ms |`,
    ),
    '',
    'Faults, in order (seconds from the start):',
    '',
    ...faults.map((fault) => `- ${(fault.at / 1000).toFixed(1)} s: ${fault.what}`),
  ];
  return lines.join('\n');
}
