import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serviceMainPath, type ServiceName } from './service-names';

// A stand-in for a built service: logs like pino, announces readiness, drains on SIGTERM.
// FAKE_MODE: crash (exits 3 before ready), stubborn (ignores SIGTERM), silent (never ready).
const FAKE_SERVICE = `
const log = (level, fields) => console.log(JSON.stringify({ level, ...fields }));
log('info', { msg: 'booting', instance: process.env.MNEMO_INSTANCE_ID, mysql: process.env.MNEMO_MYSQL_URL, nats: process.env.MNEMO_NATS_URL });
if (process.env.FAKE_MODE === 'crash') { console.error('Error: cannot connect'); process.exit(3); }
if (process.env.FAKE_MODE === 'stubborn') process.on('SIGTERM', () => log('warn', { msg: 'ignoring' }));
else process.on('SIGTERM', () => { log('info', { msg: 'drained' }); process.exit(0); });
if (process.env.FAKE_MODE !== 'silent') setTimeout(() => log('info', { event: 'service.ready' }), 20);
setInterval(() => {}, 1000);
`;

/** Writes the fake service where the build would leave `name`'s entry point under `root`. */
export async function writeFakeService(root: string, name: ServiceName): Promise<void> {
  const main = serviceMainPath(root, name);
  await mkdir(dirname(main), { recursive: true });
  await writeFile(main, FAKE_SERVICE);
}
