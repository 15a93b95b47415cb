import { strict as assert } from 'node:assert';
import { applyHunks } from '../../../../src/core/tools/apply-patch/apply-hunks';
import { parsePatch } from '../../../../src/core/tools/apply-patch/parse-patch';
import { multiEditTool } from '../../../../src/core/tools/multi-edit/multi-edit-tool';
import { readTool } from '../../../../src/core/tools/read/read-tool';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../support/tool-context';

const goFile = 'package main\n\nfunc run() {\n\tif ok {\n\t\tstart()\n\t}\n}\n';

describe('the indentation rules hold for every tool on the engine', () => {
  it('applies a MultiEdit whose edits quote a tab file with spaces, each re-indented', async () => {
    const path = '/work/main.go';
    const workspace = new MemoryWorkspace(['/work'], { [path]: goFile });
    const context = createToolContext({ workspace });
    await runTool(readTool, { file_path: path }, context);
    const { result } = await runTool(
      multiEditTool,
      {
        file_path: path,
        edits: [
          {
            old_string: '    if ok {\n        start()',
            new_string: '    if ok {\n        start()\n        wait()',
          },
          { old_string: 'func run() {\n    if ok', new_string: 'func run() {\n    log()\n    if ok' },
        ],
      },
      context,
    );
    assert.ok(!result.isError, String(result.content));
    assert.equal(
      workspace.text(path),
      'package main\n\nfunc run() {\n\tlog()\n\tif ok {\n\t\tstart()\n\t\twait()\n\t}\n}\n',
    );
  });

  it('applies an ApplyPatch hunk written with spaces to a tab file, in tabs', () => {
    const parsed = parsePatch(
      [
        '*** Begin Patch',
        '*** Update File: main.go',
        '@@',
        ' func run() {',
        '     if ok {',
        '-        start()',
        '+        start()',
        '+        wait()',
        '     }',
        '*** End Patch',
      ].join('\n'),
    );
    assert.ok(parsed.ok);
    const [operation] = parsed.operations;
    assert.ok(operation?.kind === 'update');
    const applied = applyHunks(goFile, operation.hunks);
    assert.ok(applied.ok, applied.ok ? '' : applied.message);
    assert.equal(
      applied.content,
      'package main\n\nfunc run() {\n\tif ok {\n\t\tstart()\n\t\twait()\n\t}\n}\n',
    );
    assert.ok(applied.tolerance.includes('indentation'));
  });

  it('names the hunk and its added lines when a hanging indent cannot be carried into the file', () => {
    const file = 'def f():\n  if x:\n    total = 0\n';
    const parsed = parsePatch(
      [
        '*** Begin Patch',
        '*** Update File: f.py',
        '@@',
        '     if x:',
        '-        total = 0',
        '+        total = add(1,',
        '+                    2)',
        '*** End Patch',
      ].join('\n'),
    );
    assert.ok(parsed.ok);
    const [operation] = parsed.operations;
    assert.ok(operation?.kind === 'update');
    const applied = applyHunks(file, operation.hunks);
    assert.equal(applied.ok, false);
    if (!applied.ok) assert.match(applied.message, /^Hunk 1: .*line 3 of its context and added lines/);
  });
});
