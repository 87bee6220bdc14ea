import { createServer, type Server } from 'node:http';
import { freePort } from '@mnemo/devstack';
import { firstAnswering, instancesDown } from './ledger-instances';

describe(instancesDown.name, () => {
  let server: Server;
  let up: string;
  let closed: string;

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    up = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    closed = `http://127.0.0.1:${await freePort()}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('names the instances nothing answers for once the wait is over', async () => {
    const down = await instancesDown(
      [
        { name: 'gateway-0', url: `${closed}/metrics` },
        { name: 'gateway-1', url: `${up}/metrics` },
      ],
      0,
    );
    expect(down).toEqual(['gateway-0']);
  });

  it('returns no name when every instance answers, whatever the status', async () => {
    expect(await instancesDown([{ name: 'gateway-1', url: `${up}/metrics` }], 0)).toEqual([]);
  });

  it('reads through the first gateway that answers, and fails when none does', async () => {
    expect(await firstAnswering([closed, up])).toBe(up);
    await expect(firstAnswering([closed])).rejects.toThrow(`no gateway answers: ${closed}`);
  });
});
