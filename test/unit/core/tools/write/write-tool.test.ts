import { strict as assert } from 'node:assert';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import { writeTool } from '../../../../../src/core/tools/write/write-tool';
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

describe('Write tool', () => {
  it('creates a new file without a prior read and proposes a unified diff', async () => {
    const { workspace, writer, context } = setup({});
    const { result } = await runTool(
      writeTool,
      { file_path: '/work/new.ts', content: 'export {};\n' },
      context,
    );
    assert.equal(result.isError, false);
    assert.match(text(result.content), /Created \/work\/new\.ts/);
    assert.equal(workspace.text('/work/new.ts'), 'export {};\n');
    assert.match(writer.proposals[0]?.diff ?? '', /\+export \{\};/);
    assert.equal(context.fileState.get('/work/new.ts')?.content, 'export {};\n');
  });

  it('refuses to overwrite a file that was never read', async () => {
    const { workspace, writer, context } = setup({ '/work/a.txt': 'old\n' });
    const { result } = await runTool(writeTool, { file_path: '/work/a.txt', content: 'new\n' }, context);
    assert.equal(result.isError, true);
    assert.match(text(result.content), /not read it.*Read it first/);
    assert.equal(workspace.text('/work/a.txt'), 'old\n');
    assert.equal(writer.proposals.length, 0);
  });

  it('refuses to overwrite a file that changed on disk since it was read', async () => {
    const { workspace, context } = setup({ '/work/a.txt': 'old\n' });
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    workspace.put('/work/a.txt', 'someone else\n');
    const { result } = await runTool(writeTool, { file_path: '/work/a.txt', content: 'new\n' }, context);
    assert.equal(result.isError, true);
    assert.match(text(result.content), /has changed since you last read it.*Read it again/);
    assert.equal(workspace.text('/work/a.txt'), 'someone else\n');
  });

  it('overwrites a file touched on disk but with the same content', async () => {
    const { workspace, context } = setup({ '/work/a.txt': 'old\n' });
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    workspace.put('/work/a.txt', 'old\n');
    const { result } = await runTool(writeTool, { file_path: '/work/a.txt', content: 'new\n' }, context);
    assert.equal(result.isError, false);
    assert.equal(workspace.text('/work/a.txt'), 'new\n');
  });

  it('does not count a partial read as a read of the whole file', async () => {
    const { workspace, context } = setup({ '/work/a.txt': 'a\nb\nc\n' });
    await runTool(readTool, { file_path: '/work/a.txt', offset: 2, limit: 1 }, context);
    const { result } = await runTool(writeTool, { file_path: '/work/a.txt', content: 'x\n' }, context);
    assert.equal(result.isError, true);
    assert.match(text(result.content), /not read all of \/work\/a\.txt/);
    assert.equal(workspace.text('/work/a.txt'), 'a\nb\nc\n');
  });

  it('keeps a CRLF file CRLF and its BOM', async () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a\r\nb\r\n')]);
    const { workspace, context } = setup({ '/work/w.txt': bom });
    await runTool(readTool, { file_path: '/work/w.txt' }, context);
    await runTool(writeTool, { file_path: '/work/w.txt', content: 'x\ny\n' }, context);
    assert.deepEqual(
      workspace.files.get('/work/w.txt')?.bytes,
      Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x\r\ny\r\n')]),
    );
  });

  it('reports a rejection by the person as an error with their reason', async () => {
    const { workspace, context } = setup({}, () => ({ kind: 'reject', reason: 'wrong folder' }));
    const { result } = await runTool(writeTool, { file_path: '/work/n.txt', content: 'x' }, context);
    assert.equal(result.isError, true);
    assert.match(text(result.content), /rejected.*wrong folder/);
    assert.equal(workspace.text('/work/n.txt'), undefined);
    assert.equal(context.fileState.get('/work/n.txt'), undefined);
  });

  it('tells the model when the person edited the proposal, with their changes', async () => {
    const { workspace, context } = setup({}, () => ({ kind: 'modify', content: 'x = 2\n' }));
    const { result } = await runTool(writeTool, { file_path: '/work/n.py', content: 'x = 1\n' }, context);
    assert.equal(result.isError, false);
    assert.match(text(result.content), /person edited your proposal[\s\S]*-x = 1\n\+x = 2/);
    assert.equal(workspace.text('/work/n.py'), 'x = 2\n');
    assert.equal(context.fileState.get('/work/n.py')?.content, 'x = 2\n');
  });

  it('refuses a relative path and a directory', async () => {
    const { context } = setup({ '/work/d/f': 'x' });
    assert.match(
      text((await runTool(writeTool, { file_path: 'a.txt', content: '' }, context)).result.content),
      /must be absolute/,
    );
    assert.match(
      text((await runTool(writeTool, { file_path: '/work/d', content: '' }, context)).result.content),
      /is a directory/,
    );
  });

  it('is a writing tool that must run alone', () => {
    const input = { file_path: '/work/a', content: '' };
    assert.equal(writeTool.isReadOnly(input), false);
    assert.equal(writeTool.isConcurrencySafe(input), false);
    assert.equal(writeTool.permissionTarget(input, createToolContext()), '/work/a');
  });
});
