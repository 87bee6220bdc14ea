import type { Target } from './bench-plan.types';
import type { StreamResult } from './load-stream';
import { checkTargets, type ScenarioOutcome } from './targets';

function stream(overrides: Partial<StreamResult> = {}): StreamResult {
  return {
    kind: 'search',
    connections: 50,
    seconds: 20,
    requests: 1000,
    requestsPerSecond: 50,
    latency: { count: 1000, meanMs: 30, p50Ms: 25, p90Ms: 60, p95Ms: 80, p99Ms: 140, maxMs: 300 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: { '200': 1000 },
    ...overrides,
  };
}

describe(checkTargets.name, () => {
  const search: ScenarioOutcome = { name: 'search', streams: [stream()] };

  it('passes a latency target under its limit and fails one over it', () => {
    const targets: Target[] = [
      { type: 'latency', scenario: 'search', stream: 'search', percentile: 'p95', maxMs: 100 },
      { type: 'latency', scenario: 'search', stream: 'search', percentile: 'p99', maxMs: 100 },
    ];
    expect(checkTargets(targets, [search], [])).toEqual([
      { target: 'search: search p95', measured: '80.0 ms', limit: '< 100 ms', pass: true },
      { target: 'search: search p99', measured: '140.0 ms', limit: '< 100 ms', pass: false },
    ]);
  });

  it('marks targets of scenarios that did not run as not measured', () => {
    const targets: Target[] = [
      { type: 'latency', scenario: 'add', stream: 'add', percentile: 'p95', maxMs: 250 },
      { type: 'no-errors', scenario: 'add' },
    ];
    expect(checkTargets(targets, [search], []).map((check) => check.pass)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('counts errors and non-2xx answers of every stream of the scenario', () => {
    const mixed: ScenarioOutcome = {
      name: 'mixed',
      streams: [stream({ errors: 2, timeouts: 1 }), stream({ kind: 'add', non2xx: 3 })],
    };
    expect(checkTargets([{ type: 'no-errors', scenario: 'mixed' }], [mixed], [])).toEqual([
      { target: 'mixed: errors, timeouts, non-2xx', measured: '5', limit: '0', pass: false },
    ]);
  });

  it('holds the highest instance of a service to its RSS limit', () => {
    const rss = [
      { name: 'embedder-0', service: 'embedder', peakRssMb: 400 },
      { name: 'embedder-1', service: 'embedder', peakRssMb: 1100 },
      { name: 'mariadbd', peakRssMb: 2000 },
    ];
    const targets: Target[] = [
      { type: 'rss', service: 'embedder', maxMb: 1024 },
      { type: 'rss', service: 'gateway', maxMb: 512 },
    ];
    expect(checkTargets(targets, [], rss)).toEqual([
      { target: 'embedder: peak RSS', measured: '1100 MB', limit: '< 1024 MB', pass: false },
      { target: 'gateway: peak RSS', measured: 'n/a', limit: '< 512 MB', pass: undefined },
    ]);
  });
});
