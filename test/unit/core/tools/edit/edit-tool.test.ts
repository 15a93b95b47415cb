import { strict as assert } from 'node:assert';
import { editTool } from '../../../../../src/core/tools/edit/edit-tool';
import { multiEditTool } from '../../../../../src/core/tools/multi-edit/multi-edit-tool';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import type { FakeAnswer } from '../../edits/fake-file-writer';
import { FakeFileWriter } from '../../edits/fake-file-writer';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

function setup(files: Record<string, string | Uint8Array>, answer?: () => FakeAnswer) {
  const workspace = new MemoryWorkspace(['/work'], files);
  const writer = new FakeFileWriter(workspace, answer);
  return { workspace, writer, context: createToolContext({ workspace, writer }) };
}

const text = (content: unknown) => (typeof content === 'string' ? content : JSON.stringify(content));
const encoder = new TextEncoder();
const utf16le = (value: string) =>
  Uint8Array.from([
    0xff,
    0xfe,
    ...Array.from(value).flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]),
  ]);

describe('Edit tool', () => {
  it('replaces a unique match in a file read this session', async () => {
    const { workspace, context } = setup({ '/work/a.py': 'x = 1\ny = 2\n' });
    await runTool(readTool, { file_path: '/work/a.py' }, context);
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.py', old_string: 'y = 2', new_string: 'y = 3' },
      context,
    );
    assert.equal(result.isError, false, text(result.content));
    assert.equal(text(result.content), 'Edited /work/a.py: 1 replacement at line 2.');
    assert.equal(workspace.text('/work/a.py'), 'x = 1\ny = 3\n');
    assert.equal(result.display?.kind, 'diff');
  });

  it('refuses a file never read in this session', async () => {
    const { workspace, context } = setup({ '/work/a.py': 'x = 1\n' });
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.py', old_string: 'x', new_string: 'y' },
      context,
    );
    assert.equal(result.isError, true);
    assert.match(text(result.content), /Read it first/);
    assert.equal(workspace.text('/work/a.py'), 'x = 1\n');
  });

  it('applies to the current text when the file changed since the read, and says so', async () => {
    const { workspace, context } = setup({ '/work/a.py': 'x = 1\ny = 2\n' });
    await runTool(readTool, { file_path: '/work/a.py' }, context);
    workspace.put('/work/a.py', 'x = 1\ny = 2\nz = 3\n');
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.py', old_string: 'y = 2', new_string: 'y = 20' },
      context,
    );
    assert.equal(result.isError, false);
    assert.match(text(result.content), /changed on disk since you last read it[\s\S]*Read the file again/);
    assert.equal(workspace.text('/work/a.py'), 'x = 1\ny = 20\nz = 3\n');
  });

  it('adds the re-read hint when a changed file no longer matches', async () => {
    const { workspace, context } = setup({ '/work/a.py': 'y = 2\n' });
    await runTool(readTool, { file_path: '/work/a.py' }, context);
    workspace.put('/work/a.py', 'q = 9\n');
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.py', old_string: 'y = 2', new_string: 'y = 3' },
      context,
    );
    assert.equal(result.isError, true);
    assert.match(
      text(result.content),
      /not found[\s\S]*changed on disk since you last read it; read it again/,
    );
  });

  it('creates a missing file from an empty old_string', async () => {
    const { workspace, context } = setup({});
    const { result } = await runTool(
      editTool,
      { file_path: '/work/new.md', old_string: '', new_string: '# Title\n' },
      context,
    );
    assert.equal(result.isError, false);
    assert.equal(workspace.text('/work/new.md'), '# Title\n');
  });

  it('refuses a missing file with a non-empty old_string', async () => {
    const { context } = setup({});
    const { result } = await runTool(
      editTool,
      { file_path: '/work/nope.md', old_string: 'a', new_string: 'b' },
      context,
    );
    assert.match(text(result.content), /does not exist/);
  });

  it('shows the adapted text after a tolerant match', async () => {
    const { workspace, context } = setup({ '/work/a.py': 'def f():\n    return "a"\n' });
    await runTool(readTool, { file_path: '/work/a.py' }, context);
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.py', old_string: 'return “a”', new_string: 'return “b”' },
      context,
    );
    assert.equal(result.isError, false);
    assert.match(text(result.content), /quote style[\s\S]*\n2\t    return "b"/);
    assert.equal(workspace.text('/work/a.py'), 'def f():\n    return "b"\n');
  });

  const roundTrips: [string, Uint8Array, Uint8Array][] = [
    [
      'a UTF-8 BOM',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode('a = 1\n')]),
      Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode('a = 2\n')]),
    ],
    ['CRLF line endings', encoder.encode('a = 1\r\nb\r\n'), encoder.encode('a = 2\r\nb\r\n')],
    ['UTF-16LE', utf16le('a = 1\r\n'), utf16le('a = 2\r\n')],
    ['no final newline', encoder.encode('x\na = 1'), encoder.encode('x\na = 2')],
    [
      'latin1 bytes',
      Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a, ...encoder.encode('a = 1\n')]),
      Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a, ...encoder.encode('a = 2\n')]),
    ],
  ];
  for (const [name, before, after] of roundTrips) {
    it(`keeps ${name} byte for byte around the change`, async () => {
      const { workspace, context } = setup({ '/work/f.txt': before });
      await runTool(readTool, { file_path: '/work/f.txt' }, context);
      const { result } = await runTool(
        editTool,
        { file_path: '/work/f.txt', old_string: 'a = 1', new_string: 'a = 2' },
        context,
      );
      assert.equal(result.isError, false, text(result.content));
      assert.deepEqual(workspace.files.get('/work/f.txt')?.bytes, after);
    });
  }

  it('reports a rejection and leaves the file and snapshot alone', async () => {
    const { workspace, context } = setup({ '/work/a.txt': 'a\n' }, () => ({
      kind: 'reject',
      reason: 'not now',
    }));
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.txt', old_string: 'a', new_string: 'b' },
      context,
    );
    assert.equal(result.isError, true);
    assert.match(text(result.content), /rejected.*not now/);
    assert.equal(workspace.text('/work/a.txt'), 'a\n');
    assert.equal(context.fileState.get('/work/a.txt')?.content, 'a\n');
  });

  it('keeps the person’s modified version and lets the next edit build on it', async () => {
    let first = true;
    const { workspace, context } = setup({ '/work/a.txt': 'a\n' }, () => {
      const answer: FakeAnswer = first ? { kind: 'modify', content: 'b!\n' } : { kind: 'accept' };
      first = false;
      return answer;
    });
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    const edited = await runTool(
      editTool,
      { file_path: '/work/a.txt', old_string: 'a', new_string: 'b' },
      context,
    );
    assert.match(text(edited.result.content), /person edited your proposal/);
    const next = await runTool(
      editTool,
      { file_path: '/work/a.txt', old_string: 'b!', new_string: 'c' },
      context,
    );
    assert.equal(next.result.isError, false, text(next.result.content));
    assert.doesNotMatch(text(next.result.content), /changed on disk/);
    assert.equal(workspace.text('/work/a.txt'), 'c\n');
  });

  it('tells the model which hunks the person applied and quotes the ones they rejected', async () => {
    const file = 'one\ntwo\nthree\nfour\nfive\nsix\n';
    const { workspace, context } = setup({ '/work/a.txt': file }, () => ({
      kind: 'hunks',
      accept: [2],
      reason: 'keep the first line',
    }));
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    const { result } = await runTool(
      multiEditTool,
      {
        file_path: '/work/a.txt',
        edits: [
          { old_string: 'one', new_string: 'ONE' },
          { old_string: 'five', new_string: 'FIVE' },
        ],
      },
      context,
    );
    assert.equal(result.isError, false, text(result.content));
    assert.equal(workspace.text('/work/a.txt'), 'one\ntwo\nthree\nfour\nFIVE\nsix\n');
    const message = text(result.content);
    assert.match(message, /1 of 2 hunks were applied, 1 not/);
    assert.match(
      message,
      /Applied, now in the file: hunk 2 \(line 5 of your proposal, now line 5 of the file\)/,
    );
    assert.match(
      message,
      /hunk 1, line 1 of your proposal \(reason: keep the first line\):\n {4}-one\n {4}\+ONE/,
    );
    assert.equal(context.fileState.get('/work/a.txt')?.content, 'one\ntwo\nthree\nfour\nFIVE\nsix\n');
  });

  it('passes the editor’s notes about the write on to the model', async () => {
    const note =
      '<system-reminder>\nAfter your edit to a.txt was written, the editor reports (1 fixed):\n</system-reminder>';
    const { context } = setup({ '/work/a.txt': 'a\n' }, () => ({ kind: 'accept', notes: [note] }));
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    const { result } = await runTool(
      editTool,
      { file_path: '/work/a.txt', old_string: 'a', new_string: 'b' },
      context,
    );
    assert.equal(text(result.content), `Edited /work/a.txt: 1 replacement at line 1.\n${note}`);
  });

  it('has a short description and the path as its summary and permission target', () => {
    assert.ok(
      editTool.description.split(/\s+/).length <= 120,
      `${editTool.description.split(/\s+/).length} words`,
    );
    const input = { file_path: '/work/a.ts', old_string: 'a', new_string: 'b' };
    assert.equal(editTool.summarize(input), '/work/a.ts');
    assert.equal(editTool.permissionTarget(input, createToolContext()), '/work/a.ts');
    assert.equal(editTool.isReadOnly(input), false);
    assert.equal(editTool.isConcurrencySafe(input), false);
  });
});
