import { strict as assert } from 'node:assert';
import { imageSize } from '../../../../src/core/messages/image-size';
import { noisePng } from '../../../support/noise-png';

const base64 = (bytes: number[] | Buffer) => Buffer.from(bytes).toString('base64');

/** Little-endian bytes of `value`. */
const le = (value: number, length: number) =>
  Array.from({ length }, (_, index) => Math.floor(value / 256 ** index) & 0xff);
const ascii = (text: string) => [...Buffer.from(text)];

/** The smallest headers that carry a size, built by hand for each format. */
function gif(width: number, height: number): number[] {
  return [...ascii('GIF89a'), ...le(width, 2), ...le(height, 2), 0, 0, 0];
}

function webpLossless(width: number, height: number): number[] {
  const packed = (width - 1) | ((height - 1) << 14);
  return [...ascii('RIFF'), ...le(0, 4), ...ascii('WEBPVP8L'), ...le(0, 4), 0x2f, ...le(packed, 4)];
}

function webpLossy(width: number, height: number): number[] {
  const start = [0, 0, 0, 0x9d, 0x01, 0x2a];
  return [
    ...ascii('RIFF'),
    ...le(0, 4),
    ...ascii('WEBPVP8 '),
    ...le(10, 4),
    ...start,
    ...le(width, 2),
    ...le(height, 2),
  ];
}

function webpExtended(width: number, height: number): number[] {
  const flags = le(0, 4);
  return [
    ...ascii('RIFF'),
    ...le(0, 4),
    ...ascii('WEBPVP8X'),
    ...le(10, 4),
    ...flags,
    ...le(width - 1, 3),
    ...le(height - 1, 3),
  ];
}

function jpeg(width: number, height: number): number[] {
  // SOI, an APP1 segment of 300 bytes to walk past, then SOF0 with height before width.
  const app1 = [0xff, 0xe1, 0x01, 0x2c, ...new Array<number>(298).fill(0x41)];
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return [0xff, 0xd8, ...app1, ...sof, ...new Array<number>(9).fill(0)];
}

describe('imageSize (read from the header, not by decoding the image)', () => {
  const table: [string, string, { width: number; height: number } | undefined][] = [
    ['PNG', noisePng(420, 300).toString('base64'), { width: 420, height: 300 }],
    ['GIF', base64(gif(640, 480)), { width: 640, height: 480 }],
    ['lossy WebP', base64(webpLossy(800, 600)), { width: 800, height: 600 }],
    ['lossless WebP', base64(webpLossless(1000, 750)), { width: 1000, height: 750 }],
    ['extended WebP', base64(webpExtended(3000, 2000)), { width: 3000, height: 2000 }],
    ['JPEG past an EXIF segment', base64(jpeg(1920, 1080)), { width: 1920, height: 1080 }],
    ['a PNG cut before its size', noisePng(10, 10).subarray(0, 18).toString('base64'), undefined],
    ['text that is not an image', base64([...Buffer.from('hello, world')]), undefined],
    ['characters outside base64', '%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%', undefined],
  ];
  for (const [name, data, expected] of table) {
    it(`reads ${name}: ${expected ? `${expected.width}×${expected.height}` : 'no size'}`, () => {
      assert.deepEqual(imageSize({ data }), expected);
    });
  }
});
