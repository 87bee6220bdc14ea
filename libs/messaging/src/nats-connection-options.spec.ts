import { natsServers } from './nats-bus';
import { natsConnectionOptions } from './nats-connection-options';

describe(natsConnectionOptions.name, () => {
  it('takes the user out of every server URL and gives it to the client', () => {
    const url = 'nats://gateway:s3cr%40t@10.0.0.1:4222, nats://gateway:s3cr%40t@10.0.0.2:4222';
    expect(natsConnectionOptions(url, {})).toEqual({
      servers: ['nats://10.0.0.1:4222', 'nats://10.0.0.2:4222'],
      user: 'gateway',
      pass: 's3cr@t',
    });
  });

  it('leaves a URL without a user as it is, without TLS', () => {
    expect(natsConnectionOptions('nats://127.0.0.1:4222', {})).toEqual({
      servers: ['nats://127.0.0.1:4222'],
    });
  });

  it('decodes an escaped password', () => {
    const url = 'nats://vector-store:p%2Fw%3A1@127.0.0.1:1';
    expect(natsConnectionOptions(url, {})).toMatchObject({ user: 'vector-store', pass: 'p/w:1' });
  });

  it('refuses different users on different servers', () => {
    expect(() => natsConnectionOptions('nats://a:1@h1:4222,nats://b:2@h2:4222', {})).toThrow(
      'different users',
    );
  });

  it('turns on TLS with the files MNEMO_NATS_TLS_* name, or for a tls:// URL', () => {
    const env = {
      MNEMO_NATS_TLS_CA: '/ca.pem',
      MNEMO_NATS_TLS_CERT: '/c.pem',
      MNEMO_NATS_TLS_KEY: '/k.pem',
    };
    expect(natsConnectionOptions('nats://h:4222', env).tls).toEqual({
      caFile: '/ca.pem',
      certFile: '/c.pem',
      keyFile: '/k.pem',
    });
    expect(natsConnectionOptions('tls://h:4222', {}).tls).toEqual({});
  });
});

describe(natsServers.name, () => {
  it('lists the servers without the credentials (a password starting with digits read as a port)', () => {
    const url = 'nats://admin:5f3a@127.0.0.1:4222,nats://admin:5f3a@127.0.0.1:4223';
    expect(natsServers(url)).toEqual(['nats://127.0.0.1:4222', 'nats://127.0.0.1:4223']);
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
  });
});
