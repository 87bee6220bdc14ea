import type { ScenarioPlan } from './bench-plan.types';
import { busTimingsBetween, scrapeBusTotals, type MetricsEndpoint } from './bus-timings';
import { runStream } from './load-stream';
import type { ScenarioReport } from './report';
import type { ResourceSampler } from './resource-sampler';
import type { Workload } from './workload';

export interface ScenarioRunOptions {
  baseUrl: string | string[];
  workload: Workload;
  sampler: ResourceSampler;
  metricsEndpoints: MetricsEndpoint[];
  /** Overrides the scenario's own duration. */
  durationSeconds: number | undefined;
  warmupSeconds: number;
  log: (line: string) => void;
}

/** Warm-up (not counted), then every stream of the scenario at once, with a resource window. */
export async function runScenario(
  scenario: ScenarioPlan,
  options: ScenarioRunOptions,
): Promise<ScenarioReport> {
  const durationSeconds = options.durationSeconds ?? scenario.durationSeconds;
  if (options.warmupSeconds > 0) {
    options.log(`${scenario.name}: warming up for ${options.warmupSeconds} s`);
    await runStreams(scenario, options.warmupSeconds, options);
  }
  options.log(`${scenario.name}: ${describe(scenario)} for ${durationSeconds} s`);
  const busBefore = await scrapeBusTotals(options.metricsEndpoints);
  await options.sampler.beginWindow();
  const streams = await runStreams(scenario, durationSeconds, options);
  const processes = await options.sampler.endWindow();
  const busTimings = busTimingsBetween(busBefore, await scrapeBusTotals(options.metricsEndpoints));
  return {
    name: scenario.name,
    description: scenario.description,
    durationSeconds,
    streams,
    processes,
    busTimings,
  };
}

function runStreams(scenario: ScenarioPlan, durationSeconds: number, options: ScenarioRunOptions) {
  return Promise.all(
    scenario.streams.map((stream) =>
      runStream({
        baseUrl: options.baseUrl,
        stream,
        durationSeconds,
        nextCall: (kind) => options.workload.call(kind),
        headers: {},
      }),
    ),
  );
}

function describe(scenario: ScenarioPlan): string {
  return scenario.streams.map((s) => `${s.kind} c=${s.connections}`).join(' + ');
}
