import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';

const main = join(__dirname, 'fake-openai.main.ts');
const tsx = require.resolve('tsx/cli');

async function firstLine(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error('child has no stdout');
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('fake-openai.main', () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('runs standalone, prints its base URL, serves the real SDK and exits on SIGTERM', async () => {
    child = spawn(process.execPath, [tsx, main, '--port', '0', '--api-key', 'sk-main'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });

    const baseURL = await firstLine(child);
    const client = new OpenAI({ apiKey: 'sk-main', baseURL, maxRetries: 0 });
    const res = await client.embeddings.create({ model: 'emb', input: 'x', dimensions: 4 });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');

    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(res.data[0]?.embedding).toHaveLength(4);
    expect(await exited).toEqual([0, null]);
  }, 20_000);
});
