import { strict as assert } from 'node:assert';
import { applyPatchTool } from '../../../../../src/core/tools/apply-patch/apply-patch-tool';
import { parsePatch } from '../../../../../src/core/tools/apply-patch/parse-patch';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import { FakeFileWriter } from '../../edits/fake-file-writer';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

const text = (content: unknown) => (typeof content === 'string' ? content : JSON.stringify(content));

describe('ApplyPatch tool', () => {
  it('refuses to update a file that was never read', async () => {
    const workspace = new MemoryWorkspace(['/work'], { '/work/a.txt': 'a\n' });
    const patch = '*** Begin Patch\n*** Update File: a.txt\n-a\n+b\n*** End Patch';
    const { result } = await runTool(applyPatchTool, { input: patch }, createToolContext({ workspace }));
    assert.equal(result.isError, true);
    assert.match(text(result.content), /not read this file.*Read it first.*Nothing was written/);
    assert.equal(workspace.text('/work/a.txt'), 'a\n');
  });

  it('refuses to delete a file that changed since it was read', async () => {
    const workspace = new MemoryWorkspace(['/work'], { '/work/a.txt': 'a\n' });
    const context = createToolContext({ workspace });
    await runTool(readTool, { file_path: '/work/a.txt' }, context);
    workspace.put('/work/a.txt', 'new content\n');
    const { result } = await runTool(
      applyPatchTool,
      { input: '*** Begin Patch\n*** Delete File: a.txt\n*** End Patch' },
      context,
    );
    assert.match(text(result.content), /a\.txt has changed since you last read it.*Read it again/);
    assert.equal(workspace.text('/work/a.txt'), 'new content\n');
  });

  it('stops at a rejected file and says which were already written', async () => {
    const workspace = new MemoryWorkspace(['/work']);
    const writer = new FakeFileWriter(workspace, (edit) =>
      edit.path.endsWith('b.txt') ? { kind: 'reject', reason: 'no b' } : { kind: 'accept' },
    );
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+a\n*** Add File: b.txt\n+b\n*** End Patch';
    const { result } = await runTool(
      applyPatchTool,
      { input: patch },
      createToolContext({ workspace, writer }),
    );
    assert.equal(result.isError, true);
    assert.match(
      text(result.content),
      /rejected the change to \/work\/b\.txt: no b\. Already written: A a\.txt/,
    );
  });

  it('refuses a patch touching one file twice', async () => {
    const workspace = new MemoryWorkspace(['/work']);
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+a\n*** Add File: ./a.txt\n+b\n*** End Patch';
    const { result } = await runTool(applyPatchTool, { input: patch }, createToolContext({ workspace }));
    assert.match(text(result.content), /touches this file twice/);
  });

  it('resolves relative paths against the working directory for permissions', () => {
    const context = createToolContext();
    const input = { input: '*** Begin Patch\n*** Add File: src/x.ts\n+x\n*** End Patch' };
    assert.equal(applyPatchTool.permissionTarget(input, context), '/work/src/x.ts');
    assert.equal(applyPatchTool.summarize(input), 'src/x.ts');
    assert.equal(applyPatchTool.isReadOnly(input), false);
  });
});

describe('parsePatch', () => {
  const malformed: [string, string, RegExp][] = [
    ['a missing Begin Patch', '*** Update File: a\n-a\n*** End Patch', /must start with/],
    ['a missing End Patch', '*** Begin Patch\n*** Add File: a\n+a', /must end with/],
    ['an unknown section header', '*** Begin Patch\n*** Rename File: a\n*** End Patch', /Line 2: expected/],
    [
      'an added line without +',
      '*** Begin Patch\n*** Add File: a\nplain\n*** End Patch',
      /Line 3: every line of an added file/,
    ],
    [
      'a hunk line with a bad prefix',
      '*** Begin Patch\n*** Update File: a\n@@\n*bad\n*** End Patch',
      /Line 4: a hunk line starts with/,
    ],
    ['an update with no changes', '*** Begin Patch\n*** Update File: a\n*** End Patch', /has no changes/],
    ['an empty patch', '*** Begin Patch\n*** End Patch', /no file sections/],
  ];
  for (const [name, input, message] of malformed) {
    it(`reports ${name}`, () => {
      const parsed = parsePatch(input);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.message, message);
    });
  }

  it('reads headers, hunks, Move to and End of File', () => {
    const parsed = parsePatch(
      '*** Begin Patch\n*** Update File: a.py\n*** Move to: b.py\n@@ class A\n@@ def f\n x\n-y\n+z\n*** End of File\n*** End Patch',
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.operations, [
      {
        kind: 'update',
        path: 'a.py',
        moveTo: 'b.py',
        hunks: [
          {
            headers: ['class A', 'def f'],
            lines: [
              { kind: 'context', text: 'x' },
              { kind: 'remove', text: 'y' },
              { kind: 'add', text: 'z' },
            ],
            endOfFile: true,
          },
        ],
      },
    ]);
  });
});
