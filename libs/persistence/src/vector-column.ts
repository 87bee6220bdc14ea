import type { ValueTransformer } from 'typeorm';

/** Stores a Float32Array as packed little-endian float32 bytes in a BLOB column. */
export const float32Transformer: ValueTransformer = {
  to: (value: Float32Array | null | undefined) =>
    value ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value,
  from: (value: Buffer | null) => (value ? bufferToFloat32(value) : value),
};

export function bufferToFloat32(buffer: Buffer): Float32Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}
