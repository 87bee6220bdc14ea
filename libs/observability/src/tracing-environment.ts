/** One environment variable the tracing setup or the OpenTelemetry SDK under it reads. */
export interface EnvironmentVariable {
  name: string;
  /** as the README shows it */
  default: string;
  meaning: string;
}

/**
 * The OpenTelemetry variables Mnemo's services honour (read by `startTracing` or by the SDK's
 * exporter, sampler and batch processor), for the README's reference table and its test.
 */
export const tracingEnvironment: readonly EnvironmentVariable[] = [
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: 'unset (tracing off)',
    meaning:
      'Turns tracing on: base URL of an OTLP/HTTP collector (`http://collector:4318`); spans go to `<url>/v1/traces` as OTLP JSON. Unset: no tracer, no export, only a flag check per span site',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    default: 'unset',
    meaning:
      'Full traces URL, used as is instead of `OTEL_EXPORTER_OTLP_ENDPOINT` (turns tracing on too)',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    default: 'unset',
    meaning: "`key=value,...` headers sent with every export (a collector's API key)",
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    default: '`10000`',
    meaning: 'Milliseconds one export may take',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_COMPRESSION',
    default: '`none`',
    meaning: '`gzip` compresses each export',
  },
  {
    name: 'OTEL_SDK_DISABLED',
    default: '`false`',
    meaning: '`true` keeps tracing off even with an endpoint set',
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    default: '`otlp`',
    meaning: '`none` keeps tracing off even with an endpoint set',
  },
  {
    name: 'OTEL_TRACES_SAMPLER',
    default: '`parentbased_always_on`',
    meaning:
      "Which traces are kept: `parentbased_traceidratio` with `OTEL_TRACES_SAMPLER_ARG` keeps a share of them, following the caller's `traceparent` decision",
  },
  {
    name: 'OTEL_TRACES_SAMPLER_ARG',
    default: '`1`',
    meaning: 'The ratio (0..1) of the `*traceidratio` samplers',
  },
  {
    name: 'OTEL_BSP_SCHEDULE_DELAY',
    default: '`5000`',
    meaning: 'Milliseconds between two exports of the finished spans',
  },
  {
    name: 'OTEL_BSP_MAX_QUEUE_SIZE',
    default: '`2048`',
    meaning: 'Finished spans held for export at most; more are dropped, never waited for',
  },
];
