import { FairLimiter } from './fair-limiter';

/** A task that runs until released, recording when it started. */
function gate(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => (started.push(name), done), release: () => release() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(FairLimiter.name, () => {
  it('lets a key alone use every slot', async () => {
    const limiter = new FairLimiter({ concurrency: 4, perKey: 1, maxQueuedPerKey: 10 });
    const started: string[] = [];
    const noisy = [1, 2, 3].map((i) => gate(started, `noisy-${i}`));
    const running = noisy.map((g) => limiter.run('noisy', g.task));
    await tick();
    expect(started).toEqual(['noisy-1', 'noisy-2', 'noisy-3']);
    noisy.forEach((g) => g.release());
    await Promise.all(running);
  });

  it('holds a key to its share while another key is present, and lets that key start at once', async () => {
    const limiter = new FairLimiter({ concurrency: 4, perKey: 2, maxQueuedPerKey: 10 });
    const started: string[] = [];
    const quiet = [1, 2].map((i) => gate(started, `quiet-${i}`));
    const quietFirst = limiter.run('quiet', quiet[0].task);
    const noisy = [1, 2, 3].map((i) => gate(started, `noisy-${i}`));
    const running = noisy.map((g) => limiter.run('noisy', g.task));
    const quietSecond = limiter.run('quiet', quiet[1].task);
    await tick();
    expect(started).toEqual(['quiet-1', 'noisy-1', 'noisy-2', 'quiet-2']);
    expect(limiter.stats('noisy')).toEqual({ running: 2, waiting: 1 });
    [...quiet, ...noisy].forEach((g) => g.release());
    await Promise.all([...running, quietFirst, quietSecond]);
    expect(started).toContain('noisy-3');
    expect(limiter.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees a key of its share once the other keys have been gone for presenceMs', async () => {
    const limiter = new FairLimiter({
      concurrency: 4,
      perKey: 1,
      maxQueuedPerKey: 10,
      presenceMs: 20,
    });
    await limiter.run('quiet', () => Promise.resolve());
    const started: string[] = [];
    const soon = [gate(started, 'soon-1'), gate(started, 'soon-2')];
    const held = soon.map((g) => limiter.run('noisy', g.task));
    await tick();
    expect(started).toEqual(['soon-1']);
    soon.forEach((g) => g.release());
    await Promise.all(held);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const later = [gate(started, 'later-1'), gate(started, 'later-2')];
    const free = later.map((g) => limiter.run('noisy', g.task));
    await tick();
    expect(started.slice(2)).toEqual(['later-1', 'later-2']);
    later.forEach((g) => g.release());
    await Promise.all(free);
  });

  it('rests a key held to its share as long as its last task ran, then runs its next', async () => {
    const limiter = new FairLimiter({ concurrency: 4, perKey: 1, maxQueuedPerKey: 10 });
    const started: string[] = [];
    const quiet = gate(started, 'quiet');
    const quietRun = limiter.run('quiet', quiet.task);
    const slow = limiter.run('noisy', () => new Promise((resolve) => setTimeout(resolve, 30)));
    const next = limiter.run('noisy', () => Promise.resolve(started.push('noisy-next')));
    await slow;
    await tick();
    expect(started).toEqual(['quiet']);
    await next;
    expect(started).toEqual(['quiet', 'noisy-next']);
    quiet.release();
    await quietRun;
  });

  it('does not rest a key when told its tasks wait on others rather than use this loop', async () => {
    const limiter = new FairLimiter({
      concurrency: 4,
      perKey: 1,
      maxQueuedPerKey: 10,
      restAfterTask: false,
    });
    const started: string[] = [];
    const quiet = gate(started, 'quiet');
    const quietRun = limiter.run('quiet', quiet.task);
    const slow = limiter.run('noisy', () => new Promise((resolve) => setTimeout(resolve, 30)));
    const next = limiter.run('noisy', () => Promise.resolve(started.push('noisy-next')));
    await slow;
    await tick();
    expect(started).toEqual(['quiet', 'noisy-next']);
    await next;
    quiet.release();
    await quietRun;
  });

  it('hands a freed slot round-robin: a waiting quiet key goes before the noisy backlog', async () => {
    const limiter = new FairLimiter({ concurrency: 1, perKey: 1, maxQueuedPerKey: 10 });
    const started: string[] = [];
    const names = ['noisy-1', 'noisy-2', 'noisy-3', 'quiet-1'];
    const gates = names.map((name) => gate(started, name));
    const runs = gates.map((g, i) => limiter.run(names[i].split('-')[0], g.task));
    await tick();
    expect(started).toEqual(['noisy-1']);
    gates[0].release();
    await tick();
    expect(started).toEqual(['noisy-1', 'quiet-1']);
    gates.forEach((g) => g.release());
    await Promise.all(runs);
    expect(started).toEqual(['noisy-1', 'quiet-1', 'noisy-2', 'noisy-3']);
  });

  it('refuses a key whose queue is full with rate_limited, quickly', async () => {
    const limiter = new FairLimiter({ concurrency: 3, perKey: 1, maxQueuedPerKey: 1 });
    const started: string[] = [];
    const [first, quiet] = [gate(started, 'first'), gate(started, 'quiet')];
    const running = [limiter.run('noisy', first.task), limiter.run('quiet', quiet.task)];
    const queued = limiter.run('noisy', () => Promise.resolve('queued'));
    await expect(limiter.run('noisy', () => Promise.resolve('refused'))).rejects.toMatchObject({
      code: 'rate_limited',
      retryable: true,
    });
    await expect(limiter.run('calm', () => Promise.resolve('served'))).resolves.toBe('served');
    first.release();
    quiet.release();
    await Promise.all(running);
    await expect(queued).resolves.toBe('queued');
  });

  it('gives up on a queued task past its deadline with timeout, without running it', async () => {
    const limiter = new FairLimiter({ concurrency: 1, perKey: 1, maxQueuedPerKey: 10 });
    const started: string[] = [];
    const first = gate(started, 'first');
    const running = limiter.run('noisy', first.task);
    const late = gate(started, 'late');
    await expect(limiter.run('noisy', late.task, Date.now() + 20)).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(limiter.stats('noisy')).toEqual({ running: 1, waiting: 0 });
    first.release();
    await running;
    expect(started).toEqual(['first']);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = new FairLimiter({ concurrency: 1, perKey: 1, maxQueuedPerKey: 10 });
    await expect(limiter.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(limiter.stats()).toEqual({ running: 0, waiting: 0 });
  });
});
