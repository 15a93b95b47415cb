import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedFilesReminder } from '../../../../../src/core/context/changed-files-reminder';
import type { FileContent, FileStat, Workspace } from '../../../../../src/core/ports';
import { applyPatchTool } from '../../../../../src/core/tools/apply-patch/apply-patch-tool';
import { bashTool } from '../../../../../src/core/tools/bash/bash-tool';
import { editTool } from '../../../../../src/core/tools/edit/edit-tool';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import type { ToolContext } from '../../../../../src/core/tools/tool';
import { writeTool } from '../../../../../src/core/tools/write/write-tool';
import { NodeShell } from '../../../../../src/node/shell/node-shell';
import { NodeWorkspace } from '../../../../../src/node/workspace/node-workspace';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

/**
 * The editor's Workspace in miniature: an open document with unsaved typing reports its buffer
 * and `dirty: true`, while the file on disk (and its mtime) stays as it was.
 */
class EditorWorkspace implements Workspace {
  readonly buffers = new Map<string, string>();
  constructor(private readonly disk: NodeWorkspace) {}
  get roots(): readonly string[] {
    return this.disk.roots;
  }
  stat(path: string): Promise<FileStat | undefined> {
    return this.disk.stat(path);
  }
  async readFile(path: string): Promise<FileContent> {
    const buffer = this.buffers.get(path);
    if (buffer === undefined) return this.disk.readFile(path);
    return { bytes: new TextEncoder().encode(buffer), dirty: true };
  }
  async writeFile(path: string, bytes: Uint8Array): Promise<void> {
    this.buffers.delete(path);
    await this.disk.writeFile(path, bytes);
  }
  deleteFile(path: string): Promise<void> {
    return this.disk.deleteFile(path);
  }
  listDirectory(path: string): Promise<{ name: string; kind: FileStat['kind'] }[]> {
    return this.disk.listDirectory(path);
  }
  realPath(path: string): Promise<string> {
    return this.disk.realPath(path);
  }
}

const original = 'def hello():\n    print("hi")\n';

interface Setup {
  dir: string;
  file: string;
  workspace: EditorWorkspace;
  context: ToolContext;
}

/** What happens to hello.py between the agent's Read and its Write. */
const changes: { name: string; change: (setup: Setup) => Promise<void>; write: 'refused' | 'written' }[] = [
  {
    name: 'changed by the agent’s own Bash',
    change: async ({ context }) => {
      const { result } = await runTool(bashTool, { command: "printf '# touched\\n' >> hello.py" }, context);
      assert.equal(result.isError, false);
    },
    write: 'refused',
  },
  {
    name: 'changed by another process (a formatter)',
    change: async ({ file }) => {
      execFileSync('sh', ['-c', `printf 'def hello():\\n    print("hi")  # fmt\\n' > '${file}'`]);
    },
    write: 'refused',
  },
  {
    name: 'typed into by the person in the editor, unsaved (the mtime does not move)',
    change: async ({ workspace, file }) => {
      const before = (await stat(file)).mtimeMs;
      workspace.buffers.set(file, `${original}# the person's unsaved line\n`);
      assert.equal((await workspace.stat(file))?.mtimeMs, before);
    },
    write: 'refused',
  },
  {
    name: 'changed and changed back',
    change: async ({ context, file }) => {
      await runTool(bashTool, { command: "printf 'other\\n' > hello.py" }, context);
      await writeFile(file, original);
    },
    write: 'written',
  },
  {
    name: 'touched but identical',
    change: async ({ file }) => {
      const later = new Date(Date.now() + 60_000);
      await utimes(file, later, later);
    },
    write: 'written',
  },
  { name: 'left alone', change: async () => undefined, write: 'written' },
];

describe('Write over a file the agent has not seen as it is', () => {
  let setup: Setup;
  let shell: NodeShell;

  beforeEach(async () => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-write-guard-')));
    const file = join(dir, 'hello.py');
    await writeFile(file, original);
    shell = new NodeShell({ killGraceMs: 200 });
    const workspace = new EditorWorkspace(new NodeWorkspace([dir]));
    const context = createToolContext({ workspace, shell, cwd: dir, shellState: { cwd: dir } });
    setup = { dir, file, workspace, context };
  });

  afterEach(async () => {
    await shell.dispose();
    await rm(setup.dir, { recursive: true, force: true });
  });

  /** The file as the person would see it: the unsaved buffer if there is one, else the disk. */
  const current = async () => setup.workspace.buffers.get(setup.file) ?? (await readFile(setup.file, 'utf8'));

  for (const { name, change, write } of changes) {
    for (const reminded of [false, true]) {
      const when = reminded ? ', even after the changed-files reminder showed the change' : '';
      it(`${write === 'refused' ? 'refuses' : 'allows'} a Write when the file was ${name}${when}`, async () => {
        const { context, file, workspace } = setup;
        assert.equal((await runTool(readTool, { file_path: file }, context)).result.isError, false);
        await change(setup);
        if (reminded) await changedFilesReminder({ cache: context.fileState, workspace });
        const before = await current();
        const { result } = await runTool(writeTool, { file_path: file, content: 'print("new")\n' }, context);
        if (write === 'refused') {
          assert.equal(result.isError, true);
          assert.match(String(result.content), /has changed since you last read it.*Read it again/);
          assert.equal(await current(), before, 'nothing the agent had not seen was overwritten');
        } else {
          assert.equal(result.isError, false, String(result.content));
          assert.equal(await current(), 'print("new")\n');
        }
      });
    }
  }

  it('allows the Write once the agent has read the changed file again', async () => {
    const { context, file } = setup;
    await runTool(readTool, { file_path: file }, context);
    await runTool(bashTool, { command: "printf '# touched\\n' >> hello.py" }, context);
    await changedFilesReminder({ cache: context.fileState, workspace: setup.workspace });
    await runTool(readTool, { file_path: file }, context);
    const { result } = await runTool(writeTool, { file_path: file, content: 'x\n' }, context);
    assert.equal(result.isError, false, String(result.content));
  });

  it('refuses a Write after an Edit that landed on a changed file, until the file is read again', async () => {
    const { context, file } = setup;
    await runTool(readTool, { file_path: file }, context);
    await writeFile(file, `${original}# someone else\n`);
    const edit = await runTool(
      editTool,
      { file_path: file, old_string: '"hi"', new_string: '"hey"' },
      context,
    );
    assert.equal(edit.result.isError, false, String(edit.result.content));
    const { result } = await runTool(writeTool, { file_path: file, content: 'x\n' }, context);
    assert.equal(result.isError, true);
    assert.match(String(result.content), /not read all of/);
    assert.match(await current(), /# someone else/);
  });

  it('refuses an ApplyPatch deletion of a file changed by Bash since it was read', async () => {
    const { context, file } = setup;
    await runTool(readTool, { file_path: file }, context);
    await runTool(bashTool, { command: "printf '# touched\\n' >> hello.py" }, context);
    const patch = '*** Begin Patch\n*** Delete File: hello.py\n*** End Patch';
    const { result } = await runTool(applyPatchTool, { input: patch }, context);
    assert.equal(result.isError, true);
    assert.match(String(result.content), /changed since you last read it.*delete it/);
    assert.match(await current(), /# touched/);
  });
});

describe('Write after partial reads', () => {
  const lines = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
  const reads: {
    name: string;
    parts: { offset?: number; limit?: number }[];
    write: 'refused' | 'written';
  }[] = [
    { name: 'one part', parts: [{ offset: 1, limit: 4 }], write: 'refused' },
    { name: 'two parts with a gap', parts: [{ limit: 4 }, { offset: 6 }], write: 'refused' },
    { name: 'two parts that cover it', parts: [{ limit: 5 }, { offset: 6 }], write: 'written' },
    { name: 'overlapping parts that cover it', parts: [{ offset: 4 }, { limit: 6 }], write: 'written' },
    { name: 'the whole file at once', parts: [{}], write: 'written' },
  ];
  for (const { name, parts, write } of reads) {
    it(`${write === 'refused' ? 'refuses' : 'allows'} a Write after reading ${name}`, async () => {
      const workspace = new MemoryWorkspace(['/work'], { '/work/long.txt': lines });
      const context = createToolContext({ workspace });
      for (const part of parts) await runTool(readTool, { file_path: '/work/long.txt', ...part }, context);
      const { result } = await runTool(writeTool, { file_path: '/work/long.txt', content: 'x\n' }, context);
      assert.equal(result.isError, write === 'refused', String(result.content));
      if (write === 'refused') assert.match(String(result.content), /not read all of/);
      assert.equal(workspace.text('/work/long.txt'), write === 'refused' ? lines : 'x\n');
    });
  }

  it('does not add up parts read of different versions of the file', async () => {
    const workspace = new MemoryWorkspace(['/work'], { '/work/long.txt': lines });
    const context = createToolContext({ workspace });
    await runTool(readTool, { file_path: '/work/long.txt', limit: 5 }, context);
    workspace.put('/work/long.txt', lines.replace('line 2\n', 'line two\n'));
    await runTool(readTool, { file_path: '/work/long.txt', offset: 6 }, context);
    const { result } = await runTool(writeTool, { file_path: '/work/long.txt', content: 'x\n' }, context);
    assert.equal(result.isError, true);
  });
});
