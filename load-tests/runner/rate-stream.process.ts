// One search stream in a process of its own: `node --import tsx rate-stream.process.ts <options>`.
// The noisy tenant's generator drives hundreds of connections; run beside the quiet stream in one
// process, its event loop would delay the quiet stream's own timing and inflate what is measured.
import { spawn } from 'node:child_process';
import { searchAtRate, type RateStreamOptions, type RateStreamResult } from './noisy-tenant';

/** Runs `searchAtRate` in a child process and returns its result. */
export function searchAtRateInProcess(options: RateStreamOptions): Promise<RateStreamResult> {
  return runInChildProcess<RateStreamResult>(__filename, options, 'search stream');
}

/**
 * Runs `file` (a module that reads its options as JSON from argv[2] and writes its result as JSON
 * to stdout) in a node process of its own, with tsx, and returns that result.
 */
export function runInChildProcess<R>(file: string, options: unknown, what: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${what} process exited with code ${code}`));
      else resolve(JSON.parse(output) as R);
    });
  });
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as RateStreamOptions;
  void searchAtRate(options).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
