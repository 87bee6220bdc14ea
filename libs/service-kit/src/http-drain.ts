import type { Server } from 'node:http';

/** How often connections that went idle during a drain are closed. */
const idleSweepMs = 50;

/**
 * Stops an HTTP server taking connections and resolves once every request in flight has been
 * answered and its connection closed. Requests that still come on kept-alive connections are
 * answered with `Connection: close`, and a connection is closed as soon as it is idle, so the
 * drain does not wait out the keep-alive timeout.
 */
export function drainHttpServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.on('request', (_request, response) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  });
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), idleSweepMs);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}
