import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { findConsoleDir, loadConsoleAssets } from './console-assets';
import { consoleNotBuilt, mountConsole } from './console.http.routes';

describe('console routes', () => {
  let root: string;
  let fastify: FastifyInstance;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'console-routes-'));
    const bundle = join(root, 'dist', 'apps', 'console');
    await mkdir(bundle, { recursive: true });
    await writeFile(join(bundle, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(bundle, 'console-AB12.js'), 'void 0;');
    await writeFile(join(bundle, 'notes.txt'), 'not served');
    fastify = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  });

  afterEach(async () => {
    await fastify.close();
    await rm(root, { recursive: true, force: true });
  });

  /** fetch on a listening server: light-my-request's inject does not load under jest. */
  const mounted = async (dir: string | undefined) => {
    mountConsole(fastify, dir ? loadConsoleAssets(dir) : new Map());
    const base = await fastify.listen({ port: 0, host: '127.0.0.1' });
    return async (path: string) => {
      const answer = await fetch(`${base}${path}`);
      return { status: answer.status, headers: answer.headers, body: await answer.text() };
    };
  };

  it('finds the bundle under the first ancestor that has one', () => {
    const deep = join(root, 'dist', 'apps', 'gateway', 'apps', 'gateway', 'src', 'console');
    expect(findConsoleDir(deep)).toBe(join(root, 'dist', 'apps', 'console'));
    expect(findConsoleDir(tmpdir())).toBeUndefined();
  });

  it('serves the page uncached, confined to this origin', async () => {
    const page = await (await mounted(findConsoleDir(root)))('/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(page.body).toBe('<!doctype html><title>console</title>');
  });

  it('serves hashed files for good and nothing else of the directory', async () => {
    const get = await mounted(findConsoleDir(root));
    const script = await get('/console/console-AB12.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-security-policy')).toBeNull();
    for (const path of ['/console/notes.txt', '/console/..%2Fpackage.json', '/console/x.js']) {
      const missing = await get(path);
      expect([path, missing.status, missing.body]).toEqual([path, 404, '{"detail":"Not Found"}']);
    }
  });

  it('says how to build the console when there is none', async () => {
    const page = await (await mounted(undefined))('/console');
    expect(page.status).toBe(404);
    expect(JSON.parse(page.body)).toEqual({ detail: consoleNotBuilt });
  });
});
