import { strict as assert } from 'node:assert';
import { readTool, toBase64 } from '../../../../../src/core/tools/read/read-tool';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function setup(files: Record<string, string | Uint8Array>) {
  const workspace = new MemoryWorkspace(['/work'], files);
  return { workspace, context: createToolContext({ workspace }) };
}

const text = (content: unknown) => (typeof content === 'string' ? content : JSON.stringify(content));

describe('Read tool', () => {
  it('numbers lines like cat -n and records a full snapshot', async () => {
    const { context } = setup({ '/work/a.txt': 'one\ntwo\n' });
    const { result } = await runTool(readTool, { file_path: '/work/a.txt' }, context);
    assert.equal(result.isError, false);
    assert.equal(result.content, '1\tone\n2\ttwo');
    assert.deepEqual(context.fileState.get('/work/a.txt'), {
      content: 'one\ntwo\n',
      mtimeMs: 1001,
      partial: false,
    });
  });

  it('reads a window with offset and limit, says how to read more, and marks the read partial', async () => {
    const { context } = setup({ '/work/a.txt': 'l1\nl2\nl3\nl4\nl5' });
    const { result } = await runTool(readTool, { file_path: '/work/a.txt', offset: 2, limit: 2 }, context);
    assert.match(text(result.content), /^2\tl2\n3\tl3\n\n\(Showing lines 2–3 of 5/);
    assert.equal(context.fileState.get('/work/a.txt')?.partial, true);
  });

  it('shows at most 2000 lines by default', async () => {
    const lines = Array.from({ length: 2_100 }, (_, index) => `line ${index + 1}`).join('\n');
    const { context } = setup({ '/work/big.txt': lines });
    const { result } = await runTool(readTool, { file_path: '/work/big.txt' }, context);
    assert.match(text(result.content), /\n2000\tline 2000\n\n\(Showing lines 1–2000 of 2100/);
  });

  it('cuts lines longer than 2000 characters with a marker', async () => {
    const { context } = setup({ '/work/long.txt': 'x'.repeat(2_500) });
    const { result } = await runTool(readTool, { file_path: '/work/long.txt' }, context);
    assert.match(text(result.content), /x{2000}… \[line cut: 2500 characters\]$/);
  });

  it('notes an empty file', async () => {
    const { context } = setup({ '/work/empty.txt': '' });
    const { result } = await runTool(readTool, { file_path: '/work/empty.txt' }, context);
    assert.equal(result.isError, false);
    assert.match(text(result.content), /exists but is empty/);
  });

  it('returns an image as an image block', async () => {
    const { context } = setup({ '/work/logo.png': png });
    const { result } = await runTool(readTool, { file_path: '/work/logo.png' }, context);
    assert.ok(Array.isArray(result.content));
    assert.deepEqual(result.content[1], { type: 'image', mediaType: 'image/png', data: toBase64(png) });
  });

  it('encodes base64 the standard way', () => {
    assert.equal(toBase64(new TextEncoder().encode('Man')), 'TWFu');
    assert.equal(toBase64(new TextEncoder().encode('Ma')), 'TWE=');
    assert.equal(toBase64(new TextEncoder().encode('M')), 'TQ==');
  });

  const errors: [string, Record<string, string | Uint8Array>, string, RegExp][] = [
    ['a relative path, naming the absolute one', {}, 'src/a.ts', /must be absolute.*"\/work\/src\/a\.ts"/],
    ['a directory', { '/work/src/a.ts': 'x' }, '/work/src', /is a directory/],
    ['a binary file', { '/work/app.bin': Uint8Array.from([1, 0, 2]) }, '/work/app.bin', /binary file/],
    [
      'a missing file, suggesting a similar name',
      { '/work/src/Config.ts': 'x' },
      '/work/src/config.ts',
      /does not exist.*Did you mean \/work\/src\/Config\.ts\?/,
    ],
  ];
  for (const [name, files, path, message] of errors) {
    it(`refuses ${name}`, async () => {
      const { context } = setup(files);
      const { result } = await runTool(readTool, { file_path: path }, context);
      assert.equal(result.isError, true);
      assert.match(text(result.content), message);
    });
  }

  it('is read-only, concurrency-safe and targets the absolute path', () => {
    const context = createToolContext();
    assert.equal(readTool.isReadOnly({ file_path: '/work/a' }), true);
    assert.equal(readTool.isConcurrencySafe({ file_path: '/work/a' }), true);
    assert.equal(readTool.permissionTarget({ file_path: '/work/x/../a.ts' }, context), '/work/a.ts');
    assert.equal(readTool.summarize({ file_path: '/work/a.ts' }), '/work/a.ts');
  });
});

describe('Read tool encodings', () => {
  const utf16le = (value: string) =>
    Uint8Array.from([
      0xff,
      0xfe,
      ...Array.from(value).flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]),
    ]);
  const cases: [string, Uint8Array, string][] = [
    [
      'CRLF text without carriage returns in the numbered lines',
      new TextEncoder().encode('a\r\nb\r\n'),
      '1\ta\n2\tb',
    ],
    ['UTF-16LE text', utf16le('héllo\nwörld'), '1\théllo\n2\twörld'],
    ['a UTF-8 BOM, which is not shown', Uint8Array.from([0xef, 0xbb, 0xbf, 0x78]), '1\tx'],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`shows ${name}`, async () => {
      const workspace = new MemoryWorkspace(['/work'], { '/work/f.txt': bytes });
      const { result } = await runTool(
        readTool,
        { file_path: '/work/f.txt' },
        createToolContext({ workspace }),
      );
      assert.equal(result.content, expected);
    });
  }
});
