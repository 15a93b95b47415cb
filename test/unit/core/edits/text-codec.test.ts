import { strict as assert } from 'node:assert';
import type { TextEncodingName } from '../../../../src/core/edits/text-codec';
import {
  convertLineEndings,
  decodeText,
  detectImageType,
  encodeText,
  isBinary,
} from '../../../../src/core/edits/text-codec';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
const utf16 = (text: string, littleEndian: boolean) => {
  const bytes = [littleEndian ? 0xff : 0xfe, littleEndian ? 0xfe : 0xff];
  for (const unit of Array.from(text, (char) => char.charCodeAt(0)))
    bytes.push(...(littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  return Uint8Array.from(bytes);
};

interface CodecCase {
  name: string;
  bytes: Uint8Array;
  text: string;
  encoding: TextEncodingName;
  lineEnding: '\n' | '\r\n';
  finalNewline: boolean;
}

const cases: CodecCase[] = [
  {
    name: 'plain UTF-8 with LF',
    bytes: utf8('héllo\nworld\n'),
    text: 'héllo\nworld\n',
    encoding: 'utf8',
    lineEnding: '\n',
    finalNewline: true,
  },
  {
    name: 'UTF-8 without a final newline',
    bytes: utf8('a\nb'),
    text: 'a\nb',
    encoding: 'utf8',
    lineEnding: '\n',
    finalNewline: false,
  },
  {
    name: 'UTF-8 with a BOM',
    bytes: withBom(utf8('x = 1\n')),
    text: 'x = 1\n',
    encoding: 'utf8-bom',
    lineEnding: '\n',
    finalNewline: true,
  },
  {
    name: 'CRLF-dominant text',
    bytes: utf8('a\r\nb\r\nc\n'),
    text: 'a\r\nb\r\nc\n',
    encoding: 'utf8',
    lineEnding: '\r\n',
    finalNewline: true,
  },
  {
    name: 'UTF-16LE with a BOM',
    bytes: utf16('hi\r\nthere', true),
    text: 'hi\r\nthere',
    encoding: 'utf16le',
    lineEnding: '\r\n',
    finalNewline: false,
  },
  {
    name: 'UTF-16BE with a BOM',
    bytes: utf16('ok\n', false),
    text: 'ok\n',
    encoding: 'utf16be',
    lineEnding: '\n',
    finalNewline: true,
  },
  {
    name: 'invalid UTF-8 as latin1',
    bytes: Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    text: 'café\n',
    encoding: 'latin1',
    lineEnding: '\n',
    finalNewline: true,
  },
  {
    name: 'an empty file',
    bytes: new Uint8Array(),
    text: '',
    encoding: 'utf8',
    lineEnding: '\n',
    finalNewline: false,
  },
];

describe('text codec', () => {
  for (const testCase of cases) {
    it(`decodes and re-encodes ${testCase.name} byte for byte`, () => {
      const decoded = decodeText(testCase.bytes);
      assert.equal(decoded.text, testCase.text);
      assert.equal(decoded.encoding, testCase.encoding);
      assert.equal(decoded.lineEnding, testCase.lineEnding);
      assert.equal(decoded.finalNewline, testCase.finalNewline);
      assert.deepEqual(encodeText(decoded.text, decoded), testCase.bytes);
    });
  }

  it('writes a latin1 file as UTF-8 rather than lose characters latin1 cannot hold', () => {
    assert.deepEqual(encodeText('€', { encoding: 'latin1' }), utf8('€'));
  });

  it('converts every line break to the requested ending', () => {
    assert.equal(convertLineEndings('a\nb\r\nc', '\r\n'), 'a\r\nb\r\nc');
  });

  it('calls NUL-bearing bytes binary but not UTF-16 text', () => {
    assert.equal(isBinary(Uint8Array.from([0x41, 0x00, 0x42])), true);
    assert.equal(isBinary(utf16('text', true)), false);
    assert.equal(isBinary(utf8('text')), false);
  });

  const images: [string, number[], string | undefined][] = [
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'image/gif'],
    ['WebP', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], 'image/webp'],
    ['text', [0x68, 0x69], undefined],
  ];
  for (const [name, bytes, mediaType] of images) {
    it(`recognises ${name} by its magic bytes`, () =>
      assert.equal(detectImageType(Uint8Array.from(bytes)), mediaType));
  }
});
