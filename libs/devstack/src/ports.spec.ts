import { createServer } from 'node:net';
import { freePort, isPortOpen } from './ports';

describe(freePort.name, () => {
  it('returns a port that can be listened on and reports it open while in use', async () => {
    const port = await freePort();
    expect(await isPortOpen(port)).toBe(false);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortOpen(port)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
