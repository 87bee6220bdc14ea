import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_DIMS, FAKE_WORDS, fakeVector, writeFakeWinkModel } from './fake-wink-model.fixture';
import { prepareGloveModel } from './glove-model.converter';
import { gloveModelPaths, type GloveSource } from './glove-model.files';
import { loadGloveModel } from './glove-model.loader';

describe(prepareGloveModel.name, () => {
  let dir: string;
  let source: GloveSource;
  let cacheDir: string;
  let logs: string[];
  const log = (msg: string): void => void logs.push(msg);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mnemo-glove-'));
    source = await writeFakeWinkModel(dir);
    cacheDir = join(dir, 'cache', 'models');
    logs = [];
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the vectors as float32 rows in word order, the words and a header', async () => {
    const paths = await prepareGloveModel({ cacheDir, source, log });

    expect(paths).toEqual(gloveModelPaths(cacheDir));
    const vectors = new Float32Array((await readFile(paths.vectorsPath)).buffer.slice(0));
    const expected = new Float32Array(FAKE_WORDS.flatMap((word) => fakeVector(word)));
    expect(vectors).toEqual(expected);
    expect(await readFile(paths.wordsPath, 'utf8')).toBe(`${FAKE_WORDS.join('\n')}\n`);
    const header = JSON.parse(await readFile(paths.headerPath, 'utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({
      format: 'mnemo-glove-f32le-v1',
      dims: FAKE_DIMS,
      count: FAKE_WORDS.length,
      source: {
        packageName: 'fake-embeddings',
        version: '0.0.1-fake',
        bytes: (await stat(source.jsonPath)).size,
      },
      vectorsBytes: FAKE_WORDS.length * FAKE_DIMS * 4,
    });
    expect(logs).toHaveLength(2);
    expect(logs[0]).toBe(
      `converting fake-embeddings@0.0.1-fake into ${cacheDir} (first start only)`,
    );
  });

  it('does nothing when the cache was built from the same source', async () => {
    const paths = await prepareGloveModel({ cacheDir, source });
    const before = (await stat(paths.vectorsPath)).mtimeMs;

    await prepareGloveModel({ cacheDir, source, log });

    expect(logs).toEqual([]);
    expect((await stat(paths.vectorsPath)).mtimeMs).toBe(before);
  });

  it('converts again when the source version changes', async () => {
    await prepareGloveModel({ cacheDir, source });
    await prepareGloveModel({ cacheDir, source: { ...source, version: '0.0.2-fake' }, log });

    expect(logs[0]).toBe(
      `converting fake-embeddings@0.0.2-fake into ${cacheDir} (first start only)`,
    );
  });

  it('converts again when a data file was truncated', async () => {
    const paths = await prepareGloveModel({ cacheDir, source });
    await truncate(paths.vectorsPath, 400);

    await prepareGloveModel({ cacheDir, source, log });

    expect(logs).toHaveLength(2);
    expect((await stat(paths.vectorsPath)).size).toBe(FAKE_WORDS.length * FAKE_DIMS * 4);
  });

  it('lets concurrent callers race without leaving temporary files', async () => {
    await Promise.all([1, 2, 3].map(() => prepareGloveModel({ cacheDir, source })));

    expect((await readdir(cacheDir)).sort()).toEqual([
      'glove-100d.f32',
      'glove-100d.json',
      'glove-100d.words.txt',
    ]);
    expect((await loadGloveModel(cacheDir, { source })).count).toBe(FAKE_WORDS.length);
  });

  it('rejects a source whose rows do not match its words, writing nothing', async () => {
    const json = (await readFile(source.jsonPath, 'utf8')).replace(
      '"words":["the"',
      '"words":["thee"',
    );
    await writeFile(source.jsonPath, json);

    await expect(prepareGloveModel({ cacheDir, source })).rejects.toThrow(
      'wink embeddings row 0 is not "thee"',
    );
    await expect(readdir(cacheDir)).rejects.toThrow('ENOENT');
  });
});

describe(loadGloveModel.name, () => {
  let dir: string;
  let source: GloveSource;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mnemo-glove-'));
    source = await writeFakeWinkModel(dir);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('converts first when the cache is missing, then loads vectors and vocabulary', async () => {
    const logs: string[] = [];
    const model = await loadGloveModel(join(dir, 'cache'), {
      source,
      log: (msg) => logs.push(msg),
    });

    expect(logs).toHaveLength(2);
    expect(model.dims).toBe(FAKE_DIMS);
    expect(model.count).toBe(FAKE_WORDS.length);
    expect(model.source).toEqual({ packageName: 'fake-embeddings', version: '0.0.1-fake' });
    const row = model.vocabulary.rowOf('sichuan');
    expect(row).toBe(FAKE_WORDS.indexOf('sichuan'));
    expect(model.vectors.subarray(row * FAKE_DIMS, (row + 1) * FAKE_DIMS)).toEqual(
      new Float32Array(fakeVector('sichuan')),
    );
    expect(model.vocabulary.rowOf('naïve-ish')).toBe(FAKE_WORDS.indexOf('naïve-ish'));
  });

  it('records the mean row norm used to scale hashed vectors', async () => {
    const model = await loadGloveModel(join(dir, 'cache'), { source });

    const norms = FAKE_WORDS.map((word) => Math.hypot(...new Float32Array(fakeVector(word))));
    expect(model.meanNorm).toBeCloseTo(norms.reduce((a, b) => a + b) / norms.length, 6);
  });
});
