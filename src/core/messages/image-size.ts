import type { ImageBlock } from './message';

/** An image's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The pixel size of an image block, read from its PNG, GIF, WebP or JPEG header. Only the bytes the
 * header needs are decoded from the base64, so a 5 MB screenshot costs a few hundred characters.
 * Undefined when the data is none of those formats or ends before its size.
 */
export function imageSize(image: Pick<ImageBlock, 'data'>): ImageSize | undefined {
  const bytes = new Base64Bytes(image.data);
  return pngSize(bytes) ?? gifSize(bytes) ?? webpSize(bytes) ?? jpegSize(bytes);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const sextets = new Map([...alphabet].map((char, index) => [char, index]));

/** Random access to the bytes of a base64 string, decoding one 4-character group at a time. */
class Base64Bytes {
  readonly #data: string;

  constructor(data: string) {
    this.#data = data;
  }

  /** The byte at `index`, or undefined past the end or on a character outside the alphabet. */
  at(index: number): number | undefined {
    const group = Math.floor(index / 3);
    const chars = this.#data.slice(group * 4, group * 4 + 4);
    if (chars.length < 4) return undefined;
    const values = [...chars].map((char) => (char === '=' ? 0 : sextets.get(char)));
    if (values.some((value) => value === undefined)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = values as number[];
    const triple = (a << 18) | (b << 12) | (c << 6) | d;
    return (triple >> (8 * (2 - (index % 3)))) & 0xff;
  }

  /** An unsigned integer of `length` bytes at `index`, big- or little-endian. */
  uint(index: number, length: number, endian: 'big' | 'little'): number | undefined {
    let value = 0;
    for (let offset = 0; offset < length; offset += 1) {
      const byte = this.at(endian === 'big' ? index + offset : index + length - 1 - offset);
      if (byte === undefined) return undefined;
      value = value * 256 + byte;
    }
    return value;
  }

  /** Whether the bytes at `index` spell `ascii`. */
  matches(index: number, ascii: string): boolean {
    return [...ascii].every((char, offset) => this.at(index + offset) === char.charCodeAt(0));
  }
}

function sizeOf(width: number | undefined, height: number | undefined): ImageSize | undefined {
  return width && height ? { width, height } : undefined;
}

/** PNG: the IHDR chunk comes first, with big-endian width and height. */
function pngSize(bytes: Base64Bytes): ImageSize | undefined {
  if (!bytes.matches(1, 'PNG') || !bytes.matches(12, 'IHDR')) return undefined;
  return sizeOf(bytes.uint(16, 4, 'big'), bytes.uint(20, 4, 'big'));
}

/** GIF: the logical screen size follows the 6-byte signature, little-endian. */
function gifSize(bytes: Base64Bytes): ImageSize | undefined {
  if (!bytes.matches(0, 'GIF8')) return undefined;
  return sizeOf(bytes.uint(6, 2, 'little'), bytes.uint(8, 2, 'little'));
}

const map = (value: number | undefined, change: (value: number) => number) =>
  value === undefined ? undefined : change(value);

/** WebP: the size sits in the first chunk, laid out differently for lossy, lossless and extended files. */
function webpSize(bytes: Base64Bytes): ImageSize | undefined {
  if (!bytes.matches(0, 'RIFF') || !bytes.matches(8, 'WEBP')) return undefined;
  const low14 = (value: number) => value & 0x3fff;
  const plusOne = (value: number) => value + 1;
  if (bytes.matches(12, 'VP8 '))
    return sizeOf(map(bytes.uint(26, 2, 'little'), low14), map(bytes.uint(28, 2, 'little'), low14));
  if (bytes.matches(12, 'VP8L')) {
    const packed = bytes.uint(21, 4, 'little');
    return sizeOf(
      map(packed, (value) => low14(value) + 1),
      map(packed, (value) => low14(value >>> 14) + 1),
    );
  }
  if (bytes.matches(12, 'VP8X'))
    return sizeOf(map(bytes.uint(24, 3, 'little'), plusOne), map(bytes.uint(27, 3, 'little'), plusOne));
  return undefined;
}

/** Start-of-frame markers carry the size; C4, C8 and CC share the range but are other segments. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walks the segments (EXIF and ICC data come first) to the start-of-frame marker. */
function jpegSize(bytes: Base64Bytes): ImageSize | undefined {
  if (bytes.at(0) !== 0xff || bytes.at(1) !== 0xd8) return undefined;
  let offset = 2;
  for (;;) {
    if (bytes.at(offset) !== 0xff) return undefined;
    const marker = bytes.at(offset + 1);
    if (marker === undefined) return undefined;
    // Fill bytes, and markers without a length (restart markers, TEM).
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += marker === 0xff ? 1 : 2;
      continue;
    }
    if (isStartOfFrame(marker))
      return sizeOf(bytes.uint(offset + 7, 2, 'big'), bytes.uint(offset + 5, 2, 'big'));
    const length = bytes.uint(offset + 2, 2, 'big');
    if (length === undefined || length < 2) return undefined;
    offset += 2 + length;
  }
}
