import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, serviceMainPath } from '@mnemo/devstack';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** Starts the built service with `env` and resolves with its exit code and what it logged. */
function runUntilExit(env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [serviceMainPath(workspaceRoot, 'embedder')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('a service whose start fails', () => {
  it('exits non-zero, so a supervisor starts it again, instead of idling without serving', async () => {
    const closed = await freePort();
    const { code, output } = await runUntilExit(
      {
        MNEMO_NATS_URL: `nats://127.0.0.1:${closed}`,
        MNEMO_EMBEDDER_PROVIDER: 'local',
        MNEMO_LOG_LEVEL: 'info',
      },
      30_000,
    );
    expect(code).toBe(1);
    expect(output).toContain('embedder failed to start');
  });
});
