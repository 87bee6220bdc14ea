import { createConnection, createServer } from 'node:net';

/** The project's own ports, away from the usual 3306/4222 so a system server never collides. */
export const DEFAULT_PORTS = { mysql: 3317, nats: 4233, http: 8000 } as const;

/** A port the OS reports free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No port was assigned'))));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Refuses a port something else already answers on, so we never mistake it for our server. */
export async function assertPortFree(port: number, purpose: string): Promise<void> {
  if (await isPortOpen(port)) {
    throw new Error(`Port ${port} for ${purpose} is already in use by another process`);
  }
}
