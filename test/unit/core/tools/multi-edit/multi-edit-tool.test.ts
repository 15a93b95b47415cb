import { strict as assert } from 'node:assert';
import { multiEditTool } from '../../../../../src/core/tools/multi-edit/multi-edit-tool';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

const text = (content: unknown) => (typeof content === 'string' ? content : JSON.stringify(content));

async function setup(files: Record<string, string>) {
  const workspace = new MemoryWorkspace(['/work'], files);
  const context = createToolContext({ workspace });
  for (const path of Object.keys(files)) await runTool(readTool, { file_path: path }, context);
  return { workspace, context };
}

describe('MultiEdit tool', () => {
  it('applies edits in order, each on the text the previous one produced', async () => {
    const { workspace, context } = await setup({ '/work/a.ts': 'let a = 1;\nlet b = a;\n' });
    const { result } = await runTool(
      multiEditTool,
      {
        file_path: '/work/a.ts',
        edits: [
          { old_string: 'let a = 1;', new_string: 'let count = 1;' },
          { old_string: 'let b = a;', new_string: 'let b = count;' },
          { old_string: 'let', new_string: 'const', replace_all: true },
        ],
      },
      context,
    );
    assert.equal(result.isError, false, text(result.content));
    assert.equal(workspace.text('/work/a.ts'), 'const count = 1;\nconst b = count;\n');
  });

  it('writes nothing when one edit fails, and names it', async () => {
    const { workspace, context } = await setup({ '/work/a.ts': 'one\ntwo\n' });
    const { result } = await runTool(
      multiEditTool,
      {
        file_path: '/work/a.ts',
        edits: [
          { old_string: 'one', new_string: '1' },
          { old_string: 'three', new_string: '3' },
        ],
      },
      context,
    );
    assert.equal(result.isError, true);
    assert.match(
      text(result.content),
      /^Edit 2 of 2 failed; no edits were applied\. old_string was not found/,
    );
    assert.equal(workspace.text('/work/a.ts'), 'one\ntwo\n');
  });

  it('creates a file from a first edit with an empty old_string', async () => {
    const { workspace, context } = await setup({});
    const { result } = await runTool(
      multiEditTool,
      {
        file_path: '/work/n.txt',
        edits: [
          { old_string: '', new_string: 'a b\n' },
          { old_string: 'b', new_string: 'c' },
        ],
      },
      context,
    );
    assert.equal(result.isError, false, text(result.content));
    assert.equal(workspace.text('/work/n.txt'), 'a c\n');
  });

  it('refuses a file never read', async () => {
    const workspace = new MemoryWorkspace(['/work'], { '/work/a.ts': 'x' });
    const { result } = await runTool(
      multiEditTool,
      { file_path: '/work/a.ts', edits: [{ old_string: 'x', new_string: 'y' }] },
      createToolContext({ workspace }),
    );
    assert.match(text(result.content), /Read it first/);
  });

  it('rejects an empty edit list at the schema', () => {
    assert.equal(multiEditTool.inputSchema.safeParse({ file_path: '/work/a', edits: [] }).success, false);
  });
});
