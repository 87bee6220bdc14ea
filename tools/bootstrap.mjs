#!/usr/bin/env node
// Entry point of `npm start`, `npm test`, `npm run stack` and `npm run bench`: installs the
// dependencies on a fresh clone, then hands over to the TypeScript CLI. Plain Node, no packages.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installDependencies() {
  const hasLock = existsSync(join(root, 'package-lock.json'));
  const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  console.log(`[mnemo] node_modules is missing or predates the workspace: npm ${args.join(' ')}`);
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[mnemo] npm ${args[0]} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

// `mnemo` is the CLI workspace's bin (apps/cli): a node_modules from before it needs the install too.
const installed = ['tsx', 'mnemo'].every((bin) => existsSync(join(root, 'node_modules', '.bin', bin)));
if (!installed) installDependencies();

const child = spawn(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(root, 'tools', 'cli.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

// The CLI shares our terminal, so Ctrl-C reaches it directly; relaying covers `kill <our pid>`.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`[mnemo] could not start the CLI: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1));
});

function signalNumber(signal) {
  const numbers = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal];
}
