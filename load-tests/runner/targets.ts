import type { Target } from './bench-plan.types';
import type { StreamResult } from './load-stream';

export interface ScenarioOutcome {
  name: string;
  streams: StreamResult[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  limit: string;
  /** Undefined when the run did not measure it (scenario skipped, no /proc). */
  pass: boolean | undefined;
}

export interface RssPeak {
  name: string;
  service?: string;
  peakRssMb: number;
}

const PERCENTILE_FIELD = { p50: 'p50Ms', p95: 'p95Ms', p99: 'p99Ms' } as const;

/** Holds each target against the results; a target whose scenario did not run is "not run". */
export function checkTargets(
  targets: Target[],
  scenarios: ScenarioOutcome[],
  rss: RssPeak[],
): TargetCheck[] {
  return targets.map((target) => {
    switch (target.type) {
      case 'latency':
        return checkLatency(target, scenarios);
      case 'no-errors':
        return checkNoErrors(target, scenarios);
      case 'rss':
        return checkRss(target, rss);
    }
  });
}

function checkLatency(
  target: Extract<Target, { type: 'latency' }>,
  scenarios: ScenarioOutcome[],
): TargetCheck {
  const name = `${target.scenario}: ${target.stream} ${target.percentile}`;
  const limit = `< ${target.maxMs} ms`;
  const stream = scenarios
    .find((s) => s.name === target.scenario)
    ?.streams.find((s) => s.kind === target.stream);
  if (!stream) return { target: name, measured: 'not run', limit, pass: undefined };
  const value = stream.latency[PERCENTILE_FIELD[target.percentile]];
  return {
    target: name,
    measured: `${value.toFixed(1)} ms`,
    limit,
    pass: stream.latency.count > 0 && value < target.maxMs,
  };
}

function checkNoErrors(
  target: Extract<Target, { type: 'no-errors' }>,
  scenarios: ScenarioOutcome[],
): TargetCheck {
  const name = `${target.scenario}: errors, timeouts, non-2xx`;
  const scenario = scenarios.find((s) => s.name === target.scenario);
  if (!scenario) return { target: name, measured: 'not run', limit: '0', pass: undefined };
  const failures = scenario.streams.reduce((sum, s) => sum + s.errors + s.non2xx, 0);
  return { target: name, measured: String(failures), limit: '0', pass: failures === 0 };
}

function checkRss(target: Extract<Target, { type: 'rss' }>, rss: RssPeak[]): TargetCheck {
  const name = `${target.service}: peak RSS`;
  const limit = `< ${target.maxMb} MB`;
  const instances = rss.filter((p) => p.service === target.service && p.peakRssMb > 0);
  if (instances.length === 0) return { target: name, measured: 'n/a', limit, pass: undefined };
  const peak = Math.max(...instances.map((p) => p.peakRssMb));
  return { target: name, measured: `${peak.toFixed(0)} MB`, limit, pass: peak < target.maxMb };
}
