import { WinkJsonScanner } from './wink-json.scanner';

type Event = ['member' | 'vector', string, unknown];

function scan(json: string, chunkSize: number): Event[] {
  const events: Event[] = [];
  const scanner = new WinkJsonScanner({
    member: (key, value) => events.push(['member', key, value]),
    vector: (word, values) => events.push(['vector', word, values]),
  });
  const bytes = Buffer.from(json, 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
  scanner.end();
  return events;
}

const tricky = JSON.stringify({
  size: 5,
  words: ['"', '[', 'naïve', 'a:b', '\\'],
  vectors: { '"': [1, 2], '[': [-0.5, 1e-7], naïve: [3, 4], 'a:b': [5, 6], '\\': [7, 8] },
  unkVector: [0, 0],
});

describe(WinkJsonScanner.name, () => {
  it('hands over top-level members whole and vectors entry by entry', () => {
    expect(scan(tricky, tricky.length)).toEqual([
      ['member', 'size', 5],
      ['member', 'words', ['"', '[', 'naïve', 'a:b', '\\']],
      ['vector', '"', [1, 2]],
      ['vector', '[', [-0.5, 1e-7]],
      ['vector', 'naïve', [3, 4]],
      ['vector', 'a:b', [5, 6]],
      ['vector', '\\', [7, 8]],
      ['member', 'unkVector', [0, 0]],
    ]);
  });

  it('yields the same events whatever the chunk boundaries', () => {
    const whole = scan(tricky, tricky.length);
    for (const size of [1, 2, 3, 7, 16]) expect(scan(tricky, size)).toEqual(whole);
  });

  it('accepts whitespace between tokens and an empty vectors object', () => {
    const json = '{ "size" : 0 ,\n "vectors" : { } , "words" : [ ] }';
    expect(scan(json, 4)).toEqual([
      ['member', 'size', 0],
      ['member', 'words', []],
    ]);
  });

  it('throws when the file ends inside the top-level object', () => {
    expect(() => scan(tricky.slice(0, -1), 8)).toThrow(
      'wink embeddings JSON ended before its top-level object closed',
    );
  });

  it('throws when the file is not an object', () => {
    expect(() => scan('[1, 2]', 8)).toThrow('wink embeddings JSON is not an object');
  });

  it('throws when a second value follows the object', () => {
    expect(() => scan('{"size": 1} {}', 8)).toThrow(
      'wink embeddings JSON has data after its top-level object',
    );
  });
});
