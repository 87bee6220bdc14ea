import { bytesPerMemory, parseIndexGauges } from './index-gauges';

describe('parseIndexGauges', () => {
  it('reads the three index gauges of a vector-store exposition', () => {
    const exposition = [
      '# HELP mnemo_search_index_bytes Estimated bytes the index holds',
      'mnemo_search_index_bytes{service="vector-store",instance="v0"} 2048000',
      'mnemo_search_index_scopes{service="vector-store",instance="v0"} 20',
      'mnemo_search_index_memories{service="vector-store",instance="v0"} 1000',
      'mnemo_bus_handled_seconds_count{subject="x"} 5',
    ].join('\n');
    const gauges = parseIndexGauges(exposition);
    expect(gauges).toEqual({ bytes: 2048000, scopes: 20, memories: 1000 });
    expect(bytesPerMemory({ instance: 'v0', ...gauges! })).toBe('2048');
  });

  it('finds nothing in a service without an index', () => {
    expect(parseIndexGauges('mnemo_bus_handled_seconds_count{subject="x"} 5')).toBeUndefined();
  });
});
