import { parseEventLoopLag } from './event-loop-lag';

describe('parseEventLoopLag', () => {
  it('reads the p99 and max delay from a Prometheus exposition, in milliseconds', () => {
    const exposition = [
      '# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.',
      'nodejs_eventloop_lag_p99_seconds{instance="vector-store-0"} 0.0345',
      'nodejs_eventloop_lag_max_seconds 0.12',
      'nodejs_eventloop_lag_p90_seconds 0.01',
    ].join('\n');
    expect(parseEventLoopLag(exposition)).toEqual({ p99Ms: 34.5, maxMs: 120 });
  });

  it('gives NaN for a service that exposes no delay', () => {
    expect(parseEventLoopLag('up 1')).toEqual({ p99Ms: Number.NaN, maxMs: Number.NaN });
  });
});
