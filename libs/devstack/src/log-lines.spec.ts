import {
  formatForEcho,
  isReadyLine,
  LineSplitter,
  logLevelOf,
  LogRing,
  shouldEcho,
} from './log-lines';

const line = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('log lines', () => {
  it('recognises the ready line of a pino logger', () => {
    expect(isReadyLine(line({ level: 'info', event: 'service.ready', port: 8000 }))).toBe(true);
    expect(isReadyLine(line({ level: 'info', event: 'service.starting' }))).toBe(false);
  });

  it('reads pino levels given as labels or numbers', () => {
    expect(logLevelOf(line({ level: 'warn', msg: 'x' }))).toBe(40);
    expect(logLevelOf(line({ level: 50, msg: 'x' }))).toBe(50);
    expect(logLevelOf(line({ level: 'loud' }))).toBeUndefined();
    expect(logLevelOf('TypeError: boom')).toBeUndefined();
    expect(logLevelOf('{not json')).toBeUndefined();
  });

  it('echoes lines at or above the level, the ready line and anything not JSON', () => {
    expect(shouldEcho(line({ level: 'info', msg: 'chatty' }), 'warn')).toBe(false);
    expect(shouldEcho(line({ level: 'error', msg: 'bad' }), 'warn')).toBe(true);
    expect(shouldEcho(line({ level: 'info', event: 'service.ready' }), 'warn')).toBe(true);
    expect(shouldEcho('    at Object.<anonymous> (main.js:1:1)', 'warn')).toBe(true);
    expect(shouldEcho(line({ level: 'debug' }), 'trace')).toBe(true);
  });
});

describe(formatForEcho.name, () => {
  it('shows the level, the message and only the fields that say something new', () => {
    const json = line({
      level: 'info',
      time: '2026-01-01T00:00:00.000Z',
      service: 'gateway',
      instance: 'gateway-0',
      event: 'service.ready',
      msg: 'gateway ready',
    });
    expect(formatForEcho(json)).toBe('INFO gateway ready {"event":"service.ready"}');
    expect(formatForEcho(line({ level: 'warn', msg: 'slow' }))).toBe('WARN slow');
  });

  it('leaves lines that are not JSON alone', () => {
    expect(formatForEcho('    at main (main.js:1:1)')).toBe('    at main (main.js:1:1)');
    expect(formatForEcho('{broken')).toBe('{broken');
  });
});

describe(LineSplitter.name, () => {
  it('keeps a partial line until its end arrives', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\r\n\nthree')).toEqual(['two']);
    expect(splitter.flush()).toEqual(['three']);
    expect(splitter.flush()).toEqual([]);
  });
});

describe(LogRing.name, () => {
  it('keeps only the most recent lines', () => {
    const ring = new LogRing(3);
    ['a', 'b', 'c', 'd', 'e'].forEach((entry) => ring.push(entry));
    expect(ring.last()).toEqual(['c', 'd', 'e']);
    expect(ring.last(2)).toEqual(['d', 'e']);
  });
});
