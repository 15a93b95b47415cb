import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSearch } from '../../../../../src/core/ports';
import { grepTool } from '../../../../../src/core/tools/grep/grep-tool';
import type { ToolContext } from '../../../../../src/core/tools/tool';
import { RipgrepSearch } from '../../../../../src/node/search/ripgrep-search';
import { NodeWorkspace } from '../../../../../src/node/workspace/node-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

describe('Grep tool', () => {
  let dir: string;
  let context: ToolContext;
  const path = (...parts: string[]) => join(dir, ...parts);

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-grep-')));
    await mkdir(path('src'));
    await writeFile(path('.gitignore'), 'generated.ts\n');
    await writeFile(path('src', 'a.ts'), 'const one = 1;\n// TODO: two\nconst three = 3;\n');
    await writeFile(path('src', 'b.py'), '# todo later\nprint(1)\n');
    await writeFile(path('src', 'generated.ts'), '// TODO: ignored\n');
    context = createToolContext({
      workspace: new NodeWorkspace([dir]),
      search: new RipgrepSearch({ rgPath: '/usr/bin/rg' }),
      cwd: dir,
    });
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists the files that match by default', async () => {
    const { result } = await runTool(grepTool, { pattern: 'TODO', '-i': true }, context);
    assert.equal(result.content, `Found 2 files\n${path('src', 'a.ts')}\n${path('src', 'b.py')}`);
  });

  it('shows matching lines with line numbers and context', async () => {
    const { result } = await runTool(grepTool, { pattern: 'TODO', output_mode: 'content', '-C': 1 }, context);
    const file = path('src', 'a.ts');
    assert.equal(
      result.content,
      `${file}-1-const one = 1;\n${file}:2:// TODO: two\n${file}-3-const three = 3;`,
    );
  });

  it('lets -A override -C on one side', async () => {
    const { result } = await runTool(
      grepTool,
      { pattern: 'TODO', output_mode: 'content', '-C': 1, '-A': 0, '-n': false },
      context,
    );
    const file = path('src', 'a.ts');
    assert.equal(result.content, `${file}-const one = 1;\n${file}:// TODO: two`);
  });

  it('counts matching lines per file and filters by type or glob', async () => {
    assert.equal(
      (await runTool(grepTool, { pattern: 'o', output_mode: 'count', type: 'py' }, context)).result.content,
      `${path('src', 'b.py')}:1`,
    );
    assert.equal(
      (await runTool(grepTool, { pattern: 'const', glob: '*.ts', output_mode: 'count' }, context)).result
        .content,
      `${path('src', 'a.ts')}:2`,
    );
  });

  it('searches one file given as path', async () => {
    const { result } = await runTool(
      grepTool,
      { pattern: 'print', path: 'src/b.py', output_mode: 'content' },
      context,
    );
    assert.equal(result.content, `${path('src', 'b.py')}:2:print(1)`);
  });

  it('says when nothing matches', async () => {
    assert.equal(
      (await runTool(grepTool, { pattern: 'nothing-here' }, context)).result.content,
      'No files found.',
    );
    assert.equal(
      (await runTool(grepTool, { pattern: 'nothing-here', output_mode: 'content' }, context)).result.content,
      'No matches found.',
    );
  });

  it('returns an invalid regular expression as an error the model can fix', async () => {
    const { result } = await runTool(grepTool, { pattern: 'interface{' }, context);
    assert.equal(result.isError, true);
    assert.match(String(result.content), /^The search failed: .*regex parse error/s);
  });

  it('reports a missing path', async () => {
    const { result } = await runTool(grepTool, { pattern: 'x', path: 'nope' }, context);
    assert.equal(result.isError, true);
    assert.match(String(result.content), /does not exist/);
  });

  it('cuts the result to head_limit lines with a note', async () => {
    const lines = Array.from({ length: 10 }, (_, index) => `${path('f.ts')}:${index + 1}:match`).join('\n');
    const search = { grep: async () => ({ output: `${lines}\n` }) } as unknown as FileSearch;
    const { result } = await runTool(
      grepTool,
      { pattern: 'match', output_mode: 'content', head_limit: 3 },
      { ...context, search },
    );
    const content = String(result.content).split('\n');
    assert.equal(content.length, 4);
    assert.equal(
      content[3],
      '(Showing the first 3 of 10 lines; raise head_limit or narrow the search for more.)',
    );
  });

  it('passes the options through to the search port', async () => {
    let seen: Parameters<FileSearch['grep']>[0] | undefined;
    const search = {
      grep: async (options: Parameters<FileSearch['grep']>[0]) => {
        seen = options;
        return { output: '' };
      },
    } as unknown as FileSearch;
    await runTool(
      grepTool,
      { pattern: 'a.b', output_mode: 'content', '-B': 2, multiline: true, '-i': true },
      { ...context, search },
    );
    assert.equal(seen?.mode, 'content');
    assert.equal(seen?.contextBefore, 2);
    assert.equal(seen?.contextAfter, undefined);
    assert.equal(seen?.lineNumbers, true);
    assert.equal(seen?.multiline, true);
    assert.equal(seen?.caseInsensitive, true);
    assert.equal(seen?.cwd, dir);
  });

  it('is read-only and concurrency-safe', () => {
    assert.equal(grepTool.isReadOnly({ pattern: 'x' }), true);
    assert.equal(grepTool.isConcurrencySafe({ pattern: 'x' }), true);
  });
});
