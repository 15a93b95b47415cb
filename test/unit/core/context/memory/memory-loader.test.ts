import { strict as assert } from 'node:assert';
import { MemoryLoader } from '../../../../../src/core/context/memory/memory-loader';
import type { MemoryLoaderOptions } from '../../../../../src/core/context/memory/memory-loader';
import { MemoryWorkspace } from '../../../../support/memory-workspace';

function loader(files: Record<string, string>, options: Partial<MemoryLoaderOptions> = {}): MemoryLoader {
  return new MemoryLoader({
    reader: new MemoryWorkspace(['/repo'], files),
    homeDir: '/home/u',
    projectRoot: '/repo',
    cwd: '/repo/packages/app',
    ...options,
  });
}

describe('MemoryLoader', () => {
  it('loads user memory, then every folder from the project root down to the working directory', async () => {
    const result = await loader({
      '/home/u/.claude/CLAUDE.md': 'user rules',
      '/home/u/.claude/AGENTS.md': 'user agents',
      '/repo/CLAUDE.md': 'root',
      '/repo/CLAUDE.local.md': 'root local',
      '/repo/.claude/CLAUDE.md': 'root dot-claude',
      '/repo/AGENTS.md': 'root agents',
      '/repo/packages/CLAUDE.md': 'packages',
      '/repo/packages/app/AGENTS.md': 'app agents',
      '/repo/packages/app/src/CLAUDE.md': 'deeper: lazy',
      '/repo/packages/other/CLAUDE.md': 'sibling: never',
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => [file.path, file.scope]),
      [
        ['/home/u/.claude/CLAUDE.md', 'user'],
        ['/home/u/.claude/AGENTS.md', 'user'],
        ['/repo/CLAUDE.md', 'project'],
        ['/repo/.claude/CLAUDE.md', 'project'],
        ['/repo/AGENTS.md', 'project'],
        ['/repo/CLAUDE.local.md', 'local'],
        ['/repo/packages/CLAUDE.md', 'project'],
        ['/repo/packages/app/AGENTS.md', 'project'],
      ],
    );
    assert.deepEqual(result.problems, []);
  });

  it('follows @imports relative to the importing file, from ~/ and absolute paths, right after the importer', async () => {
    const result = await loader({
      '/repo/CLAUDE.md': 'See @docs/style.md and @~/.shared/git.md, also @/opt/team/rules.md.',
      '/repo/docs/style.md': 'style, which uses @../conventions.md',
      '/repo/conventions.md': 'conventions',
      '/home/u/.shared/git.md': 'git',
      '/opt/team/rules.md': 'team',
      '/repo/CLAUDE.local.md': 'local',
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => [file.path, file.depth, file.importedBy ?? '']),
      [
        ['/repo/CLAUDE.md', 0, ''],
        ['/repo/docs/style.md', 1, '/repo/CLAUDE.md'],
        ['/repo/conventions.md', 2, '/repo/docs/style.md'],
        ['/home/u/.shared/git.md', 1, '/repo/CLAUDE.md'],
        ['/opt/team/rules.md', 1, '/repo/CLAUDE.md'],
        ['/repo/CLAUDE.local.md', 0, ''],
      ],
    );
  });

  it('loads each file of an import cycle once', async () => {
    const result = await loader({
      '/repo/CLAUDE.md': '@a.md',
      '/repo/a.md': '@b.md',
      '/repo/b.md': '@a.md and @CLAUDE.md',
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['/repo/CLAUDE.md', '/repo/a.md', '/repo/b.md'],
    );
  });

  it('stops after five import hops and notes it', async () => {
    const files: Record<string, string> = { '/repo/CLAUDE.md': '@1.md' };
    for (let hop = 1; hop <= 7; hop++) files[`/repo/${hop}.md`] = `@${hop + 1}.md`;
    const result = await loader(files).loadInitial();
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['/repo/CLAUDE.md', '/repo/1.md', '/repo/2.md', '/repo/3.md', '/repo/4.md', '/repo/5.md'],
    );
    assert.deepEqual(result.problems, [
      { path: '/repo/6.md', importedBy: '/repo/5.md', message: 'import depth limit (5) reached' },
    ]);
  });

  it('notes a missing import and loads everything else', async () => {
    const result = await loader({
      '/repo/CLAUDE.md': 'Read @missing.md first.\n@present.md',
      '/repo/present.md': 'ok',
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['/repo/CLAUDE.md', '/repo/present.md'],
    );
    assert.deepEqual(result.problems, [
      { path: '/repo/missing.md', importedBy: '/repo/CLAUDE.md', message: 'imported file not found' },
    ]);
  });

  it('ignores @paths inside code blocks and code spans', async () => {
    const result = await loader({
      '/repo/CLAUDE.md':
        'Use `@inline.md` literally.\n```\n@fenced.md\n```\n~~~md\n@tilde.md\n~~~\nBut @real.md counts. Mail me at dev@example.com.',
      '/repo/inline.md': 'x',
      '/repo/fenced.md': 'x',
      '/repo/tilde.md': 'x',
      '/repo/real.md': 'real',
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['/repo/CLAUDE.md', '/repo/real.md'],
    );
  });

  it('strips HTML comments from memory text', async () => {
    const result = await loader({
      '/repo/CLAUDE.md': 'keep\n<!-- note for humans\nover lines -->\nalso <!-- inline --> keep',
    }).loadInitial();
    assert.equal(result.files[0]?.content, 'keep\nalso  keep');
  });

  it('returns sub-folder memory once, when a file below the working directory is first read', async () => {
    const subject = loader({
      '/repo/CLAUDE.md': 'root',
      '/repo/packages/app/src/CLAUDE.md': 'src rules',
      '/repo/packages/app/src/ui/AGENTS.md': 'ui rules',
      '/repo/packages/other/CLAUDE.md': 'other rules',
    });
    await subject.loadInitial();
    const first = await subject.memoryForPath('/repo/packages/app/src/ui/button.tsx');
    assert.deepEqual(
      first.files.map((file) => [file.path, file.scope]),
      [
        ['/repo/packages/app/src/CLAUDE.md', 'subfolder'],
        ['/repo/packages/app/src/ui/AGENTS.md', 'subfolder'],
      ],
    );
    assert.deepEqual((await subject.memoryForPath('/repo/packages/app/src/ui/input.tsx')).files, []);
    assert.deepEqual(
      (await subject.memoryForPath('/repo/packages/other/index.ts')).files.map((file) => file.content),
      ['other rules'],
    );
    assert.deepEqual((await subject.memoryForPath('/elsewhere/file.ts')).files, []);
    assert.deepEqual((await subject.memoryForPath('/repo/README.md')).files, []);
  });

  it('does not load AGENTS.md again when CLAUDE.md already imported it', async () => {
    const result = await loader({
      '/repo/CLAUDE.md': '@AGENTS.md',
      '/repo/AGENTS.md': 'shared',
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => [file.path, file.scope]),
      [
        ['/repo/CLAUDE.md', 'project'],
        ['/repo/AGENTS.md', 'import'],
      ],
    );
  });

  it('starts at the working directory when it lies outside the project root', async () => {
    const result = await loader(
      { '/repo/CLAUDE.md': 'root', '/tmp/scratch/CLAUDE.md': 'scratch' },
      { cwd: '/tmp/scratch' },
    ).loadInitial();
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['/tmp/scratch/CLAUDE.md'],
    );
  });
});
