/**
 * Bytes ⇄ text for the file tools, keeping everything a write must preserve: the encoding and BOM,
 * the dominant line ending and whether the file ends with a newline. Pure; no I/O.
 */

/** How a file's bytes are stored. `latin1` is the fallback for bytes that are not valid UTF-8. */
export type TextEncodingName = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'latin1';

/** The line break a file mostly uses. */
export type LineEnding = '\n' | '\r\n';

/** What `encodeText` needs to write text back the way the file was stored. */
export interface TextFormat {
  encoding: TextEncodingName;
  lineEnding: LineEnding;
}

/** A decoded file. `text` keeps the original line endings (mixed ones included) and no BOM. */
export interface DecodedText extends TextFormat {
  text: string;
  /** True when the text ends with a line break. */
  finalNewline: boolean;
}

/** The format of a file that does not exist yet. */
export const defaultTextFormat: TextFormat = { encoding: 'utf8', lineEnding: '\n' };

const binaryProbeBytes = 8_192;

/**
 * Decodes bytes: a BOM decides UTF-8/UTF-16; otherwise strict UTF-8, falling back to latin1 so no
 * byte is ever lost. Never throws.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, text } = decodeBytes(bytes);
  return { text, encoding, lineEnding: dominantLineEnding(text), finalNewline: text.endsWith('\n') };
}

function decodeBytes(bytes: Uint8Array): { encoding: TextEncodingName; text: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf8-bom', text: decodeUtf8(bytes.subarray(3)) ?? decodeLatin1(bytes.subarray(3)) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf16le', text: decodeUtf16(bytes.subarray(2), true) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf16be', text: decodeUtf16(bytes.subarray(2), false) };
  const utf8 = decodeUtf8(bytes);
  return utf8 === undefined
    ? { encoding: 'latin1', text: decodeLatin1(bytes) }
    : { encoding: 'utf8', text: utf8 };
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// TextDecoder('latin1') is windows-1252 per WHATWG, which remaps 0x80–0x9F; decode byte = code point.
function decodeLatin1(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 4_096) {
    text += String.fromCharCode(...bytes.subarray(index, index + 4_096));
  }
  return text;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units: number[] = [];
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    const first = bytes[index] ?? 0;
    const second = bytes[index + 1] ?? 0;
    units.push(littleEndian ? first | (second << 8) : (first << 8) | second);
  }
  let text = '';
  for (let index = 0; index < units.length; index += 4_096) {
    text += String.fromCharCode(...units.slice(index, index + 4_096));
  }
  return text;
}

/**
 * Encodes text in the given encoding, adding the BOM it had. Line endings are written as they are
 * in `text` (convert with `convertLineEndings` first). A latin1 file that gains characters latin1
 * cannot hold is written as UTF-8 rather than losing them.
 */
export function encodeText(text: string, format: Pick<TextFormat, 'encoding'>): Uint8Array {
  switch (format.encoding) {
    case 'utf8':
      return new TextEncoder().encode(text);
    case 'utf8-bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode(text));
    case 'utf16le':
      return encodeUtf16(text, true);
    case 'utf16be':
      return encodeUtf16(text, false);
    case 'latin1':
      return encodeLatin1(text) ?? new TextEncoder().encode(text);
  }
}

function encodeLatin1(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0xff) return undefined;
    bytes[index] = code;
  }
  return bytes;
}

function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const high = code >> 8;
    const low = code & 0xff;
    bytes[2 + index * 2] = littleEndian ? low : high;
    bytes[3 + index * 2] = littleEndian ? high : low;
  }
  return bytes;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(first.length + second.length);
  bytes.set(first);
  bytes.set(second, first.length);
  return bytes;
}

/** CRLF when CRLF line breaks outnumber bare LF ones; LF otherwise (ties and no breaks included). */
export function dominantLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Rewrites every line break (CRLF or LF) as `lineEnding`. */
export function convertLineEndings(text: string, lineEnding: LineEnding): string {
  return text.replace(/\r?\n/g, lineEnding);
}

/**
 * True for content that is not text: a NUL byte in the first 8 KB. UTF-16 files (which are full of
 * NULs) are recognised by their BOM first.
 */
export function isBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const end = Math.min(bytes.length, binaryProbeBytes);
  for (let index = 0; index < end; index++) if (bytes[index] === 0) return true;
  return false;
}

/** The image media type recognised from magic bytes (PNG, JPEG, GIF, WebP), or undefined. */
export function detectImageType(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    [0x57, 0x45, 0x42, 0x50].every((byte, index) => bytes[8 + index] === byte)
  ) {
    return 'image/webp';
  }
  return undefined;
}
