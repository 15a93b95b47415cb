import { strict as assert } from 'node:assert';
import type { MemoryFileInfo, MemoryFolder } from '../../../../src/core/memory/memory-folder';
import type { MemoryInput } from '../../../../src/core/memory/memory-tool';
import { createMemoryTool } from '../../../../src/core/memory/memory-tool';
import type { ToolResult } from '../../../../src/core/tools/tool';
import { createToolContext } from '../../../support/tool-context';

/** The folder as a map: the tool's own rules are under test here, the disk's in NodeMemoryFolder. */
class MapFolder implements MemoryFolder {
  readonly location = '/home/ana/.tandem/projects/shop/memory';
  readonly files = new Map<string, string>();
  async list(): Promise<MemoryFileInfo[]> {
    return [...this.files].map(([path, text]) => ({ path, size: text.length, mtimeMs: 0 }));
  }
  async read(path: string) {
    return this.files.get(path);
  }
  async write(path: string, text: string) {
    this.files.set(path, text);
  }
  async delete(path: string) {
    return this.files.delete(path);
  }
}

describe('the Memory tool', () => {
  let folder: MapFolder;
  const tool = () => createMemoryTool(folder);
  const call = async (input: MemoryInput): Promise<ToolResult> => {
    const generator = tool().call(tool().inputSchema.parse(input), createToolContext());
    for (;;) {
      const step = await generator.next();
      if (step.done) return step.value;
    }
  };

  beforeEach(() => {
    folder = new MapFolder();
  });

  it('creates a memory, reminds to index it, and shows it back', async () => {
    const created = await call({
      command: 'create',
      path: 'feedback_testing.md',
      content: 'Use the real database.',
    });
    assert.equal(created.isError, false);
    assert.match(String(created.content), /Created feedback_testing\.md\. Add a line for it to MEMORY\.md/);
    assert.equal(
      (await call({ command: 'view', path: 'feedback_testing.md' })).content,
      'Use the real database.',
    );
    assert.match(String((await call({ command: 'view' })).content), /feedback_testing\.md \(22 bytes\)/);
  });

  it('replaces text that occurs exactly once, and says what to do otherwise', async () => {
    folder.files.set('user.md', 'Prefers tabs. Prefers short PRs.');
    assert.match(
      String(
        (await call({ command: 'str_replace', path: 'user.md', old_str: 'Prefers', new_str: 'Likes' }))
          .content,
      ),
      /occurs 2 times/,
    );
    assert.match(
      String(
        (await call({ command: 'str_replace', path: 'user.md', old_str: 'spaces', new_str: 'x' })).content,
      ),
      /does not occur/,
    );
    const done = await call({
      command: 'str_replace',
      path: 'user.md',
      old_str: 'Prefers tabs',
      new_str: 'Prefers spaces ($&)',
    });
    assert.equal(done.isError, false);
    assert.equal(
      folder.files.get('user.md'),
      'Prefers spaces ($&). Prefers short PRs.',
      'the replacement is literal',
    );
  });

  it('keeps MEMORY.md within 200 lines: it goes into every prompt', async () => {
    const index = Array.from({ length: 201 }, (_, line) => `- [Note ${line}](note-${line}.md)`).join('\n');
    const refused = await call({ command: 'create', path: 'MEMORY.md', content: index });
    assert.equal(refused.isError, true);
    assert.match(String(refused.content), /201 lines.*within 200 lines/s);
    assert.equal(folder.files.has('MEMORY.md'), false);
  });

  it('refuses a path outside the folder with the reason, and writes nothing', async () => {
    for (const path of ['../../.ssh/authorized_keys.md', '/etc/cron.d/job.md', 'notes.sh']) {
      const result = await call({ command: 'create', path, content: 'x' });
      assert.equal(result.isError, true, path);
      assert.match(String(result.content), /refused/, path);
    }
    assert.equal(folder.files.size, 0);
  });

  it('deletes a memory and reminds to drop its index line', async () => {
    folder.files.set('stale.md', 'old');
    assert.match(
      String((await call({ command: 'delete', path: 'stale.md' })).content),
      /Remove its line from MEMORY\.md/,
    );
    assert.equal((await call({ command: 'delete', path: 'stale.md' })).isError, true);
  });

  it('declares itself: view reads, the rest writes; allowed by itself; not for sub-agents', async () => {
    const memory = tool();
    assert.equal(memory.permissionKind, 'other');
    assert.equal(memory.isReadOnly({ command: 'view' }), true);
    assert.equal(memory.isReadOnly({ command: 'create', path: 'a.md', content: '' }), false);
    assert.equal(memory.offeredToSubagents, false);
    assert.equal(
      (await memory.checkPermissions({ command: 'delete', path: 'a.md' }, createToolContext())).behavior,
      'allow',
    );
  });
});
