import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, findOrInstallChromium } from './chromium-binary';

describe('chromium binary', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devstack-chromium-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fakeBinary(name: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o755);
    return path;
  }

  it("finds Debian's chromium before Ubuntu's chromium-browser", async () => {
    await fakeBinary('chromium-browser');
    const chromium = await fakeBinary('chromium');
    expect(await findChromium({ pathEnv: dir, systemDirs: [] })).toBe(chromium);
  });

  it('finds chromium-browser when it is the only one', async () => {
    const browser = await fakeBinary('chromium-browser');
    expect(await findOrInstallChromium({ pathEnv: dir, systemDirs: [], canInstall: false })).toBe(
      browser,
    );
  });

  it('throws the install command when it is missing and may not install', async () => {
    await expect(
      findOrInstallChromium({ pathEnv: dir, systemDirs: [], canInstall: false }),
    ).rejects.toThrow(
      new Error(
        'chromium is missing for the browser tests: sudo apt-get update && sudo apt-get install -y chromium',
      ),
    );
  });
});
