/**
 * The allocation bitmap of a RangeAllocation, in Kubernetes' own encoding: `data` is the base64
 * of a big-endian unsigned integer whose bit n is set when offset n is allocated, without leading
 * zero bytes (Go's `big.Int.Bytes()`). An empty range is `""`; a /12 with a handful of services
 * stays a few bytes long, because only the bytes up to the highest allocated offset are kept.
 *
 * Every function is pure: it takes the base64 text and returns a new one.
 *
 * @module
 */

/** Bytes in little-endian order: element i holds offsets 8i..8i+7 (bit 0 = offset 8i). */
function decode(data: string): Uint8Array {
  let text: string;
  try {
    text = atob(data);
  } catch {
    throw new Error(`RangeAllocation data is not base64: ${JSON.stringify(data.slice(0, 40))}`);
  }
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(text.length - 1 - i);
  return bytes;
}

function encode(bytes: Uint8Array): string {
  let length = bytes.length;
  while (length > 0 && bytes[length - 1] === 0) length--;
  const chunks: string[] = [];
  for (let end = length; end > 0; end -= 8192) {
    const chunk = bytes.slice(Math.max(0, end - 8192), end).reverse();
    chunks.push(String.fromCharCode(...chunk));
  }
  return btoa(chunks.join(""));
}

function withBit(data: string, offset: number, on: boolean): string {
  const bytes = decode(data);
  const index = offset >> 3;
  const grown = index < bytes.length ? bytes : new Uint8Array(on ? index + 1 : 0);
  if (grown !== bytes) grown.set(bytes);
  if (index < grown.length) {
    grown[index] = on ? grown[index] | (1 << (offset & 7)) : grown[index] & ~(1 << (offset & 7));
  }
  return encode(grown);
}

/** Whether offset `offset` is allocated in `data`. */
export function bitmapHas(data: string, offset: number): boolean {
  const bytes = decode(data);
  const index = offset >> 3;
  return index < bytes.length && ((bytes[index] >> (offset & 7)) & 1) === 1;
}

/**
 * `data` with offset `offset` allocated.
 *
 * @example
 * ```ts
 * import { bitmapHas, bitmapSet } from "./bitmap.ts";
 * const data = bitmapSet("", 9); // "AgA=": bit 9 of 0x0200
 * console.log(bitmapHas(data, 9), bitmapHas(data, 8)); // true false
 * ```
 */
export function bitmapSet(data: string, offset: number): string {
  return withBit(data, offset, true);
}

/** `data` with offset `offset` free again (trailing zero bytes are dropped). */
export function bitmapClear(data: string, offset: number): string {
  return withBit(data, offset, false);
}

/** The lowest free offset in `[from, to)`, or undefined when all of them are allocated. */
export function bitmapFirstFree(data: string, from: number, to: number): number | undefined {
  const bytes = decode(data);
  let offset = Math.max(0, from);
  while (offset < to) {
    const index = offset >> 3;
    if (index >= bytes.length) return offset;
    if (bytes[index] === 0xff && (offset & 7) === 0) {
      offset += 8; // a full byte: skip its eight offsets at once
      continue;
    }
    if (((bytes[index] >> (offset & 7)) & 1) === 0) return offset;
    offset++;
  }
  return undefined;
}
