// Bundles the console for the gateway to serve at /console: one script and one stylesheet named
// by their content hash (cached for good), and the page that names them (never cached).
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = join(projectRoot, '..', '..');
const outdir = join(workspaceRoot, 'dist', 'apps', 'console');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await build({
  entryPoints: { console: join(projectRoot, 'src', 'main.tsx') },
  outdir,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const named = (extension) => {
  const file = outputs.find((name) => name.endsWith(extension));
  if (!file) throw new Error(`the console build wrote no ${extension} file`);
  return file;
};
const page = (await readFile(join(projectRoot, 'src', 'index.html'), 'utf8'))
  .replace('%SCRIPT%', named('.js'))
  .replace('%STYLE%', named('.css'));
await writeFile(join(outdir, 'index.html'), page);
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`console: ${outputs.join(', ')} (${Math.round(bytes / 1024)} KiB with source maps)`);
