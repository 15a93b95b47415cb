import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLoader } from '../../../../src/core/context/memory/memory-loader';
import { NodeMemoryReader } from '../../../../src/node/memory/node-memory-reader';

describe('NodeMemoryReader', () => {
  let base: string;
  beforeEach(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'tandem-memory-')));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('lets the memory loader read real folders, user files and imports', async () => {
    const home = join(base, 'home');
    const repo = join(base, 'repo');
    await mkdir(join(home, '.claude'), { recursive: true });
    await mkdir(join(repo, 'app', 'docs'), { recursive: true });
    await writeFile(join(home, '.claude', 'CLAUDE.md'), '\uFEFFprefer small commits');
    await writeFile(join(repo, 'CLAUDE.md'), 'root @app/docs/rules.md');
    await writeFile(join(repo, 'app', 'docs', 'rules.md'), 'rules');
    await writeFile(join(repo, 'app', 'CLAUDE.local.md'), 'mine');

    const result = await new MemoryLoader({
      reader: new NodeMemoryReader(),
      homeDir: home,
      projectRoot: repo,
      cwd: join(repo, 'app'),
    }).loadInitial();
    assert.deepEqual(
      result.files.map((file) => [file.path, file.content]),
      [
        [join(home, '.claude', 'CLAUDE.md'), 'prefer small commits'],
        [join(repo, 'CLAUDE.md'), 'root @app/docs/rules.md'],
        [join(repo, 'app', 'docs', 'rules.md'), 'rules'],
        [join(repo, 'app', 'CLAUDE.local.md'), 'mine'],
      ],
    );
  });

  it('reports a missing path as absent and a folder as a directory', async () => {
    const reader = new NodeMemoryReader();
    assert.equal(await reader.stat(join(base, 'nope')), undefined);
    assert.equal((await reader.stat(base))?.kind, 'directory');
  });
});
