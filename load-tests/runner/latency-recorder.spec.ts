import { LatencyRecorder, percentile } from './latency-recorder';

describe(LatencyRecorder.name, () => {
  it('summarises nearest-rank percentiles of the recorded times', () => {
    const recorder = new LatencyRecorder();
    for (let ms = 100; ms >= 1; ms -= 1) recorder.record(ms);
    expect(recorder.summary()).toEqual({
      count: 100,
      meanMs: 50.5,
      p50Ms: 50,
      p90Ms: 90,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
    });
  });

  it('keeps growing past its initial buffer', () => {
    const recorder = new LatencyRecorder();
    for (let i = 0; i < 100_000; i += 1) recorder.record(i % 10);
    expect(recorder.summary().count).toBe(100_000);
    expect(recorder.droppedCount).toBe(0);
  });

  it('drops responses beyond its capacity and counts them', () => {
    const recorder = new LatencyRecorder(3);
    [5, 1, 3, 9, 7].forEach((ms) => recorder.record(ms));
    expect(recorder.summary()).toMatchObject({ count: 3, maxMs: 5, p50Ms: 3 });
    expect(recorder.droppedCount).toBe(2);
  });

  it('reports zeros when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toEqual({
      count: 0,
      meanMs: 0,
      p50Ms: 0,
      p90Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });
});

describe(percentile.name, () => {
  it('returns the first value for tiny percentiles and the last for 100', () => {
    expect(percentile([2, 4, 6], 0.1)).toBe(2);
    expect(percentile([2, 4, 6], 100)).toBe(6);
    expect(percentile([2, 4, 6], 34)).toBe(4);
  });
});
