import { runCommand, runTool } from './tool-command';

describe(runTool.name, () => {
  it('resolves with the exit code', async () => {
    expect(await runTool('sh', ['-c', 'exit 4'], { output: 'ignore' })).toBe(4);
  });

  it('ends the command when the abort signal fires', async () => {
    const controller = new AbortController();
    const running = runTool('sleep', ['30'], { output: 'ignore', abortSignal: controller.signal });
    controller.abort();
    expect(await running).toBe(143);
  });

  it('rejects with the command line when runCommand sees a failure', async () => {
    await expect(runCommand('sh', ['-c', 'exit 2'], { output: 'ignore' })).rejects.toThrow(
      '`sh -c exit 2` failed with code 2',
    );
  });
});
