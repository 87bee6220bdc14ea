import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** One file of the built console, ready to send. */
export interface ConsoleAsset {
  type: string;
  body: Buffer;
  cacheControl: string;
}

export const consolePage = 'index.html';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Where `nx build console` put the bundle: `dist/apps/console` under the first ancestor of `from`
 * that has one (the workspace from the sources, from `dist/apps/gateway/...`, and in the image).
 */
export function findConsoleDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'apps', 'console');
    if (existsSync(join(candidate, consolePage))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every file of the bundle, read once: the page is asked for again on each visit (it names the
 * current bundle), the rest carries a content hash in its name and is cached for good.
 */
export function loadConsoleAssets(dir: string): Map<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  for (const name of readdirSync(dir)) {
    const type = types[extname(name)];
    if (!type) continue;
    const cacheControl = name === consolePage ? 'no-cache' : 'public, max-age=31536000, immutable';
    assets.set(name, { type, body: readFileSync(join(dir, name)), cacheControl });
  }
  return assets;
}
