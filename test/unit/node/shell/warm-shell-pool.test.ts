import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCut } from '../../../../src/core/text/cut-middle';
import { NodeShell } from '../../../../src/node/shell/node-shell';

/** Processes whose parent is `pid`. */
const childrenOf = (pid: number): Set<number> => {
  try {
    return new Set(
      execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return new Set();
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('NodeShell warm shells', function () {
  this.timeout(10_000);
  let dir: string;

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-warm-')));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const run = (shell: NodeShell, command: string) =>
    shell.run({ command, cwd: dir, timeoutMs: 10_000, signal: new AbortController().signal });

  it('runs the commands of a batch in shells that were started before it', async () => {
    const before = childrenOf(process.pid);
    const shell = new NodeShell({ warmShells: 3 });
    const waiting = [...childrenOf(process.pid)].filter((pid) => !before.has(pid));
    assert.equal(waiting.length, 3);
    try {
      const results = await Promise.all([1, 2, 3].map(() => run(shell, 'echo $$; pwd')));
      const pids = results.map((result) => Number(renderCut(result.output).split('\n')[0]));
      assert.deepEqual(new Set(pids), new Set(waiting));
      for (const result of results) assert.equal(renderCut(result.output).split('\n')[1], dir);
    } finally {
      await shell.dispose();
    }
  });

  it('starts cold when no shell is waiting or the call brings its own environment', async () => {
    const shell = new NodeShell({ warmShells: 1 });
    try {
      const [first, second] = await Promise.all([run(shell, 'echo one'), run(shell, 'echo two')]);
      assert.equal(renderCut(first!.output), 'one\n');
      assert.equal(renderCut(second!.output), 'two\n');
      const own = await shell.run({
        command: 'echo "$TANDEM_TEST_VALUE"',
        cwd: dir,
        timeoutMs: 10_000,
        signal: new AbortController().signal,
        env: { TANDEM_TEST_VALUE: 'from the call' },
      });
      assert.equal(renderCut(own.output), 'from the call\n');
    } finally {
      await shell.dispose();
    }
  });

  it('ends the waiting shells on dispose', async () => {
    const before = childrenOf(process.pid);
    const shell = new NodeShell({ warmShells: 2 });
    const waiting = [...childrenOf(process.pid)].filter((pid) => !before.has(pid));
    assert.equal(waiting.length, 2);
    await shell.dispose();
    await until(() => waiting.every((pid) => !childrenOf(process.pid).has(pid)));
  });

  it('lets the process that started them exit, and the waiting shells end with it', async () => {
    const script = [
      `const { NodeShell } = require(${JSON.stringify(join(__dirname, '../../../../src/node/shell/node-shell'))});`,
      `const { execFileSync } = require('node:child_process');`,
      'new NodeShell({ warmShells: 2 });',
      `process.stdout.write(execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }));`,
    ].join('\n');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '-e', script], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    const waiting = output.split('\n').filter(Boolean).map(Number);
    assert.equal(waiting.length, 2, output);
    await until(() => waiting.every((pid) => !isAlive(pid)));
  });
});
