import { ledgerTopology, roundRobin } from './ledger-topology';

describe(ledgerTopology.name, () => {
  it('starts one of everything for single and kills five services, as the first reports did', () => {
    const single = ledgerTopology('single');
    expect(single.natsNodes).toBe(1);
    expect(Object.values(single.instances)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(single.serviceEnv).toEqual({});
    expect(single.kills).toEqual([
      'embedder',
      'extractor',
      'vector-store',
      'webhook-dispatcher',
      'gateway',
    ]);
  });

  it('starts 3 NATS nodes with R3 streams and two of every service for cluster, and kills each', () => {
    const cluster = ledgerTopology('cluster');
    expect(cluster.natsNodes).toBe(3);
    expect(cluster.instances).toEqual({
      gateway: 2,
      extractor: 2,
      embedder: 2,
      'vector-store': 2,
      'structured-data': 2,
      'webhook-dispatcher': 2,
    });
    expect(cluster.serviceEnv).toEqual({ MNEMO_JETSTREAM_REPLICAS: '3' });
    expect([...cluster.kills].sort()).toEqual(Object.keys(cluster.instances).sort());
  });

  it('names the choices when the topology is unknown', () => {
    expect(() => ledgerTopology('mesh')).toThrow(
      '--topology: expected single or cluster, got "mesh"',
    );
  });
});

describe(roundRobin.name, () => {
  it('hands out the gateways in turn', () => {
    const next = roundRobin(['http://a', 'http://b']);
    expect([next(), next(), next(), next(), next()]).toEqual([
      'http://a',
      'http://b',
      'http://a',
      'http://b',
      'http://a',
    ]);
  });

  it('always answers the only gateway there is', () => {
    const next = roundRobin(['http://a']);
    expect([next(), next()]).toEqual(['http://a', 'http://a']);
  });
});
