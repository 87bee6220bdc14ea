import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isAlive } from './process-tools';
import { waitUntil } from './wait-until';

// A parent that starts a detached sleeper, registers it, prints its pid and waits to be killed.
const PARENT = `
const { spawn } = require('node:child_process');
const { childReaper } = require(${JSON.stringify(join(__dirname, 'child-reaper'))});
const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
child.unref();
childReaper.watch(child.pid);
console.log(child.pid);
setInterval(() => {}, 1000);
`;

function startParent(): Promise<{ parentPid: number; childPid: number }> {
  // `--import tsx` keeps the parent a single process, so SIGKILL hits the one holding the reaper.
  const parent = spawn(process.execPath, ['--import', 'tsx', '-e', PARENT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    parent.once('error', reject);
    parent.stdout.once('data', (chunk: Buffer) =>
      resolve({ parentPid: parent.pid ?? 0, childPid: Number(chunk.toString().trim()) }),
    );
  });
}

describe('childReaper', () => {
  jest.setTimeout(30_000);

  it('ends watched process groups when their parent is killed outright', async () => {
    const { parentPid, childPid } = await startParent();
    expect(isAlive(childPid)).toBe(true);
    process.kill(parentPid, 'SIGKILL');
    await waitUntil(() => (isAlive(childPid) ? undefined : true), {
      description: 'the orphan to be reaped',
      timeoutMs: 10_000,
    });
    expect(isAlive(childPid)).toBe(false);
  });
});
