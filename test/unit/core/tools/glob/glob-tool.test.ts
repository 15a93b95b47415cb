import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSearch } from '../../../../../src/core/ports';
import { globTool } from '../../../../../src/core/tools/glob/glob-tool';
import type { ToolContext } from '../../../../../src/core/tools/tool';
import { RipgrepSearch } from '../../../../../src/node/search/ripgrep-search';
import { NodeWorkspace } from '../../../../../src/node/workspace/node-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

describe('Glob tool', () => {
  let dir: string;
  let context: ToolContext;

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-glob-')));
    await mkdir(join(dir, 'src', 'lib'), { recursive: true });
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, '.gitignore'), 'dist\n');
    await writeFile(join(dir, 'src', 'old.ts'), '');
    await writeFile(join(dir, 'src', 'lib', 'new.ts'), '');
    await writeFile(join(dir, 'dist', 'bundle.ts'), '');
    await writeFile(join(dir, 'README.md'), '');
    await utimes(join(dir, 'src', 'old.ts'), new Date('2020-01-01'), new Date('2020-01-01'));
    context = createToolContext({
      workspace: new NodeWorkspace([dir]),
      search: new RipgrepSearch({ rgPath: '/usr/bin/rg' }),
      cwd: dir,
    });
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists matching files as absolute paths, newest first, without ignored ones', async () => {
    const { result } = await runTool(globTool, { pattern: '**/*.ts' }, context);
    assert.deepEqual(result, {
      content: `${join(dir, 'src', 'lib', 'new.ts')}\n${join(dir, 'src', 'old.ts')}`,
      isError: false,
    });
  });

  it('searches below the given path', async () => {
    const { result } = await runTool(globTool, { pattern: '*.ts', path: 'src/lib' }, context);
    assert.equal(result.content, join(dir, 'src', 'lib', 'new.ts'));
  });

  it('accepts an absolute pattern', async () => {
    const { result } = await runTool(globTool, { pattern: `${dir}/src/**/*.ts` }, context);
    assert.equal(String(result.content).split('\n').length, 2);
  });

  it('says when nothing matches', async () => {
    assert.equal((await runTool(globTool, { pattern: '*.rs' }, context)).result.content, 'No files found.');
  });

  it('reports a missing folder or a file given as path', async () => {
    const missing = await runTool(globTool, { pattern: '*', path: 'nope' }, context);
    assert.equal(missing.result.isError, true);
    assert.match(String(missing.result.content), /does not exist/);
    const file = await runTool(globTool, { pattern: '*', path: 'README.md' }, context);
    assert.match(String(file.result.content), /is not a folder/);
  });

  it('shows at most 100 files and says there are more', async () => {
    const many = Array.from({ length: 150 }, (_, index) => join(dir, `f${index}.txt`));
    const search = {
      glob: async ({ limit }: { limit: number }) => many.slice(0, limit),
    } as unknown as FileSearch;
    const { result } = await runTool(globTool, { pattern: '*.txt' }, { ...context, search });
    const lines = String(result.content).split('\n');
    assert.equal(lines.length, 101);
    assert.match(lines[100] ?? '', /Showing the first 100 files/);
  });

  it('is read-only, concurrency-safe and targets the search folder for permissions', () => {
    assert.equal(globTool.isReadOnly({ pattern: '*' }), true);
    assert.equal(globTool.isConcurrencySafe({ pattern: '*' }), true);
    assert.equal(globTool.permissionTarget({ pattern: '*', path: 'src' }, context), join(dir, 'src'));
    assert.equal(globTool.permissionTarget({ pattern: '/etc/**/*.conf' }, context), '/etc');
  });
});
