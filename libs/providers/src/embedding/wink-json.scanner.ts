const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The object member whose entries are streamed one by one instead of buffered whole. */
const STREAMED_MEMBER = 'vectors';

export interface WinkJsonHandlers {
  /** A top-level member other than `vectors`, parsed whole (`words` is a few MB). */
  member(key: string, value: unknown): void;
  /** One entry of `vectors`: the word and its numbers (vector, then the package's extra fields). */
  vector(word: string, values: unknown): void;
}

/**
 * Walks a wink embeddings JSON file chunk by chunk, tracking strings and nesting byte by byte,
 * and hands each `vectors` entry to JSON.parse on its own: a whole-file JSON.parse of the 307 MB
 * file needs 1.2 GB, a token-level streaming parser takes far longer on its 34 M numbers.
 */
export class WinkJsonScanner {
  private carry: Buffer = Buffer.alloc(0);
  private depth = 0;
  private inString = false;
  private escaped = false;
  private segmentStart = -1;
  private colonAt = -1;
  private topKey: string | null = null;
  private inVectors = false;
  private closed = false;

  constructor(private readonly handlers: WinkJsonHandlers) {}

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.scan(buf, this.carry.length);
    const keepFrom = this.segmentStart < 0 ? buf.length : this.segmentStart;
    this.carry = buf.subarray(keepFrom);
    if (this.colonAt >= 0) this.colonAt -= keepFrom;
    if (this.segmentStart >= 0) this.segmentStart = 0;
  }

  /** Throws unless the top-level object was complete. */
  end(): void {
    if (!this.closed)
      throw new Error('wink embeddings JSON ended before its top-level object closed');
  }

  private scan(buf: Buffer, from: number): void {
    for (let i = from; i < buf.length; i += 1) {
      const c = buf[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.inVectors && this.depth === 3) {
        // Inside an entry's flat number array: jump straight to its end.
        const close = buf.indexOf(CLOSE_BRACKET, i);
        if (close < 0) return;
        i = close;
        this.onClose(buf, i);
      } else if (c === QUOTE) this.inString = true;
      else if (c === COMMA) this.onComma(buf, i);
      else if (c === COLON) this.onColon(buf, i);
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.onOpen(c, i);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) this.onClose(buf, i);
    }
  }

  private onOpen(c: number, i: number): void {
    if (this.closed) throw new Error('wink embeddings JSON has data after its top-level object');
    this.depth += 1;
    if (this.depth === 1) {
      if (c !== OPEN_BRACE) throw new Error('wink embeddings JSON is not an object');
      this.startSegment(i + 1);
    } else if (this.depth === 2 && c === OPEN_BRACE && this.topKey === STREAMED_MEMBER) {
      this.inVectors = true;
      this.startSegment(i + 1);
    }
  }

  private onClose(buf: Buffer, i: number): void {
    if (this.depth === 2 && this.inVectors) {
      this.emitVector(buf, i);
      this.inVectors = false;
      this.startSegment(i + 1);
    } else if (this.depth === 1) {
      this.emitMember(buf, i);
      this.segmentStart = -1;
      this.closed = true;
    }
    this.depth -= 1;
  }

  private onComma(buf: Buffer, i: number): void {
    if (this.depth === 1) this.emitMember(buf, i);
    else if (this.depth === 2 && this.inVectors) this.emitVector(buf, i);
    else return;
    this.startSegment(i + 1);
  }

  private onColon(buf: Buffer, i: number): void {
    if (this.depth === 1) {
      this.topKey = JSON.parse(buf.toString('utf8', this.segmentStart, i)) as string;
      this.colonAt = i;
    } else if (this.depth === 2 && this.inVectors) {
      this.colonAt = i;
    }
  }

  private emitMember(buf: Buffer, end: number): void {
    const key = this.topKey;
    this.topKey = null;
    if (key === null) {
      if (buf.toString('utf8', this.segmentStart, end).trim() !== '') throw malformed('member');
      return;
    }
    if (key === STREAMED_MEMBER) return;
    this.handlers.member(key, JSON.parse(buf.toString('utf8', this.colonAt + 1, end)));
  }

  private emitVector(buf: Buffer, end: number): void {
    if (this.colonAt < 0) {
      if (buf.toString('latin1', this.segmentStart, end).trim() !== '') throw malformed('entry');
      return;
    }
    const word = JSON.parse(buf.toString('utf8', this.segmentStart, this.colonAt)) as string;
    // Only digits, signs, dots, commas and brackets follow the colon, so latin1 decoding is exact.
    this.handlers.vector(word, JSON.parse(buf.toString('latin1', this.colonAt + 1, end)));
  }

  private startSegment(at: number): void {
    this.segmentStart = at;
    this.colonAt = -1;
  }
}

function malformed(what: string): Error {
  return new Error(`wink embeddings JSON has a ${what} without a key`);
}
