#!/usr/bin/env node
// `npx mnemo ...`: runs the built CLI (dist/, made by `npm start`, `npm test` or `npm run build`),
// or its TypeScript source through tsx when there is no build yet or a source file is newer than
// the build (a pull without a rebuild). Plain Node, no packages.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(app, '..', '..');
const source = join(app, 'src', 'main.ts');
const built = join(root, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');

/** The newest modification time of the files under `dir` that `wanted` accepts. */
function newest(dir, wanted) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) time = Math.max(time, newest(path, wanted));
    else if (wanted(entry.name)) time = Math.max(time, statSync(path).mtimeMs);
  }
  return time;
}

// An incremental build rewrites only what changed: compare the newest output with the newest source.
const fresh =
  existsSync(built) &&
  newest(join(root, 'dist', 'apps', 'cli'), () => true) >=
    newest(join(app, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'));
if (fresh) {
  createRequire(import.meta.url)(built);
} else {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [source, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`mnemo: could not start ${tsx}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
