import type { ConnectionOptions } from '@nats-io/transport-node';

type TlsOptions = NonNullable<ConnectionOptions['tls']>;

/** Where the client's TLS files come from: the CA to trust, and a client certificate for mTLS. */
export const natsTlsEnv = {
  ca: 'MNEMO_NATS_TLS_CA',
  cert: 'MNEMO_NATS_TLS_CERT',
  key: 'MNEMO_NATS_TLS_KEY',
} as const;

export type NatsConnectionTarget = Pick<ConnectionOptions, 'servers' | 'user' | 'pass' | 'tls'>;

/**
 * The servers, credentials and TLS settings for `connect()` from MNEMO_NATS_URL (comma-separated,
 * `nats://user:password@host:port`; the client itself ignores credentials in a URL) and the
 * MNEMO_NATS_TLS_* files. Every node must carry the same user.
 */
export function natsConnectionOptions(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): NatsConnectionTarget {
  const servers: string[] = [];
  let credentials: { user: string; pass: string } | undefined;
  let tlsScheme = false;
  for (const server of url.split(',').map((s) => s.trim())) {
    if (server.length === 0) continue;
    const parsed = new URL(server.includes('://') ? server : `nats://${server}`);
    if (parsed.username) {
      const user = decodeURIComponent(parsed.username);
      const pass = decodeURIComponent(parsed.password);
      if (credentials && (credentials.user !== user || credentials.pass !== pass)) {
        throw new Error('MNEMO_NATS_URL names different users on different servers');
      }
      credentials = { user, pass };
    }
    tlsScheme ||= parsed.protocol === 'tls:';
    servers.push(`${parsed.protocol}//${parsed.host}`);
  }
  const tls = natsTls(env, tlsScheme);
  return { servers, ...credentials, ...(tls ? { tls } : {}) };
}

/** TLS when a CA or client certificate is configured, or the URL says `tls://`; else plain. */
function natsTls(env: NodeJS.ProcessEnv, tlsScheme: boolean): TlsOptions | undefined {
  const files: TlsOptions = {
    ...(env[natsTlsEnv.ca] ? { caFile: env[natsTlsEnv.ca] } : {}),
    ...(env[natsTlsEnv.cert] ? { certFile: env[natsTlsEnv.cert] } : {}),
    ...(env[natsTlsEnv.key] ? { keyFile: env[natsTlsEnv.key] } : {}),
  };
  if (Object.keys(files).length === 0 && !tlsScheme) return undefined;
  return files;
}
