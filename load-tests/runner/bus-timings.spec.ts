import { addTotals, busTimingsBetween } from './bus-timings';

const exposition = (searchSum: number, searchCount: number) =>
  [
    '# HELP mnemo_bus_handled_seconds Requests answered by this service over NATS',
    `mnemo_bus_handled_seconds_sum{service="vector-store",instance="vs-0",subject="memory.item.search.v1",outcome="ok"} ${searchSum}`,
    `mnemo_bus_handled_seconds_count{service="vector-store",instance="vs-0",subject="memory.item.search.v1",outcome="ok"} ${searchCount}`,
    'mnemo_bus_handled_seconds_sum{service="vector-store",instance="vs-0",subject="memory.item.search.v1",outcome="not_found"} 0.5',
    'mnemo_bus_handled_seconds_count{service="vector-store",instance="vs-0",subject="memory.item.search.v1",outcome="not_found"} 10',
    'mnemo_bus_request_seconds_sum{service="vector-store",instance="vs-0",subject="health.vector-store.check.v1",outcome="ok"} 3',
    'mnemo_bus_request_seconds_count{service="vector-store",instance="vs-0",subject="health.vector-store.check.v1",outcome="ok"} 3',
    'mnemo_bus_handled_seconds_bucket{service="vector-store",subject="memory.item.search.v1",le="0.1"} 7',
  ].join('\n');

describe(busTimingsBetween.name, () => {
  it('gives count and mean per subject between two scrapes, all outcomes together, no health', () => {
    const before = new Map<string, { sum: number; count: number }>();
    const after = new Map<string, { sum: number; count: number }>();
    addTotals(before, 'vector-store-0', exposition(1, 90));
    addTotals(after, 'vector-store-0', exposition(5, 130));
    expect(busTimingsBetween(before, after)).toEqual([
      {
        instance: 'vector-store-0',
        side: 'handled',
        subject: 'memory.item.search.v1',
        count: 40,
        meanMs: 100,
      },
    ]);
  });

  it('orders subjects by total time', () => {
    const after = new Map([
      ['a-0\tcalled\tx.v1', { sum: 1, count: 100 }],
      ['b-0\thandled\ty.v1', { sum: 2, count: 10 }],
    ]);
    expect(busTimingsBetween(new Map(), after).map((t) => t.subject)).toEqual(['y.v1', 'x.v1']);
  });
});
