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

  it('reads the count of scopes answered from an HNSW graph when the service has it', () => {
    const exposition = [
      'mnemo_search_index_bytes{service="vector-store"} 10',
      'mnemo_search_index_scopes{service="vector-store"} 2',
      'mnemo_search_index_memories{service="vector-store"} 5',
      'mnemo_search_index_ann_scopes{service="vector-store"} 1',
    ].join('\n');
    expect(parseIndexGauges(exposition)).toEqual({
      bytes: 10,
      scopes: 2,
      memories: 5,
      annScopes: 1,
    });
  });

  it('finds nothing in a service without an index', () => {
    expect(parseIndexGauges('mnemo_bus_handled_seconds_count{subject="x"} 5')).toBeUndefined();
  });
});
