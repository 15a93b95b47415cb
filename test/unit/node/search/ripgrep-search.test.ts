import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RipgrepSearch } from '../../../../src/node/search/ripgrep-search';

describe('RipgrepSearch', () => {
  let dir: string;
  const search = new RipgrepSearch({ rgPath: '/usr/bin/rg' });
  const signal = () => new AbortController().signal;
  const grep = (pattern: string, extra: Partial<Parameters<RipgrepSearch['grep']>[0]> = {}) =>
    search.grep({ pattern, cwd: dir, mode: 'content', lineNumbers: true, signal: signal(), ...extra });

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-rg-')));
    await mkdir(join(dir, 'src', 'deep'), { recursive: true });
    await mkdir(join(dir, 'build'));
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.gitignore'), 'build/\n');
    await writeFile(join(dir, 'src', 'a.ts'), 'export const alpha = 1;\nconst Beta = 2;\n');
    await writeFile(join(dir, 'src', 'deep', 'b.ts'), 'const beta = 3;\n');
    await writeFile(join(dir, 'src', 'c.md'), '# beta notes\n');
    await writeFile(join(dir, 'build', 'out.ts'), 'const beta = 4;\n');
    await writeFile(join(dir, '.github', 'ci.yml'), 'beta: true\n');
    const old = new Date('2020-01-01');
    await utimes(join(dir, 'src', 'a.ts'), old, old);
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe('glob', () => {
    it('lists matching files newest first, skipping gitignored ones', async () => {
      const files = await search.glob({ pattern: '**/*.ts', cwd: dir, signal: signal(), limit: 100 });
      assert.deepEqual(files, [join(dir, 'src', 'deep', 'b.ts'), join(dir, 'src', 'a.ts')]);
    });

    it('finds hidden files but honours the limit', async () => {
      assert.deepEqual(await search.glob({ pattern: '*.yml', cwd: dir, signal: signal(), limit: 10 }), [
        join(dir, '.github', 'ci.yml'),
      ]);
      assert.equal((await search.glob({ pattern: '**/*', cwd: dir, signal: signal(), limit: 2 })).length, 2);
    });

    it('matches patterns with a folder relative to the search root', async () => {
      const files = await search.glob({ pattern: 'src/*.md', cwd: dir, signal: signal(), limit: 10 });
      assert.deepEqual(files, [join(dir, 'src', 'c.md')]);
    });

    it('returns an empty list when nothing matches', async () => {
      assert.deepEqual(await search.glob({ pattern: '*.rs', cwd: dir, signal: signal(), limit: 10 }), []);
    });
  });

  describe('grep', () => {
    it('lists files with matches as absolute paths, ignoring gitignored files', async () => {
      const result = await grep('beta', { mode: 'files_with_matches' });
      assert.equal(result.error, undefined);
      assert.deepEqual(result.output.trim().split('\n'), [
        join(dir, '.github', 'ci.yml'),
        join(dir, 'src', 'c.md'),
        join(dir, 'src', 'deep', 'b.ts'),
      ]);
    });

    it('shows matching lines with line numbers', async () => {
      const result = await grep('beta', { glob: '*.ts' });
      assert.equal(result.output.trim(), `${join(dir, 'src', 'deep', 'b.ts')}:1:const beta = 3;`);
    });

    it('matches case-insensitively when asked', async () => {
      const result = await grep('beta', { glob: '*.ts', caseInsensitive: true, mode: 'count' });
      assert.equal(
        result.output.trim(),
        [`${join(dir, 'src', 'a.ts')}:1`, `${join(dir, 'src', 'deep', 'b.ts')}:1`].join('\n'),
      );
    });

    it('shows context lines around a match', async () => {
      const result = await grep('Beta', { contextBefore: 1 });
      assert.equal(
        result.output.trim(),
        [
          `${join(dir, 'src', 'a.ts')}-1-export const alpha = 1;`,
          `${join(dir, 'src', 'a.ts')}:2:const Beta = 2;`,
        ].join('\n'),
      );
    });

    it('filters by file type', async () => {
      const result = await grep('beta', { type: 'md', mode: 'files_with_matches' });
      assert.equal(result.output.trim(), join(dir, 'src', 'c.md'));
    });

    it('matches across lines in multiline mode', async () => {
      const result = await grep('alpha = 1;\\nconst Beta', { multiline: true, mode: 'files_with_matches' });
      assert.equal(result.output.trim(), join(dir, 'src', 'a.ts'));
      assert.equal((await grep('alpha = 1;\\nconst Beta', { mode: 'files_with_matches' })).output, '');
    });

    it('searches a single file', async () => {
      const result = await grep('const', { cwd: join(dir, 'src', 'a.ts'), mode: 'count' });
      assert.equal(result.output.trim(), `${join(dir, 'src', 'a.ts')}:2`);
    });

    it('treats no match as an empty result, not an error', async () => {
      assert.deepEqual(await grep('zeta'), { output: '' });
    });

    it('returns a bad regex or unknown type as an error value', async () => {
      assert.match((await grep('(unclosed')).error ?? '', /regex parse error/);
      assert.match((await grep('beta', { type: 'nosuchtype' })).error ?? '', /nosuchtype/);
    });

    it('accepts patterns that start with a dash', async () => {
      await writeFile(join(dir, 'flags.txt'), 'run with --verbose\n');
      assert.match((await grep('--verbose')).output, /flags\.txt:1:run with --verbose/);
    });

    it('keeps the matched text exactly as written after the path', async () => {
      await writeFile(join(dir, 'paths.txt'), 'see a//b/../c\n');
      assert.match((await grep('see')).output, /paths\.txt:1:see a\/\/b\/\.\.\/c/);
    });

    it('reports a missing path or rg binary as an error value', async () => {
      assert.match((await grep('x', { cwd: join(dir, 'missing') })).error ?? '', /does not exist/);
      const broken = new RipgrepSearch({ rgPath: join(dir, 'no-rg') });
      assert.match(
        (await broken.grep({ pattern: 'x', cwd: dir, mode: 'content', signal: signal() })).error ?? '',
        /Could not run ripgrep/,
      );
    });

    it('kills a running rg when the signal aborts', async () => {
      // rg blocks reading a FIFO that nobody writes to, so only the abort can end this search.
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const result = await grep('x', { cwd: join(dir, 'pipe'), signal: controller.signal });
      assert.deepEqual(result, { output: '', error: 'The search was aborted.' });
    });

    it('does not start rg when the signal has already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      assert.deepEqual(await grep('beta', { signal: controller.signal }), {
        output: '',
        error: 'The search was aborted.',
      });
    });
  });
});
