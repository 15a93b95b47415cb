import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellRunOptions } from '../../../../src/core/ports';
import { renderCut } from '../../../../src/core/text/cut-middle';
import { NodeShell } from '../../../../src/node/shell/node-shell';

/** Polls until `condition` holds; the test's own timeout bounds the wait, so a slow machine only waits longer. */
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** A zombie waiting for a busy init to reap it counts as dead. */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
};

// Every behaviour holds alike for commands started in a waiting shell and in a fresh one.
for (const warmShells of [4, 0]) {
  describe(`NodeShell (${warmShells > 0 ? 'warm shells' : 'cold starts'})`, () => {
    let dir: string;
    let shell: NodeShell;
    const run = (command: string, extra: Partial<ShellRunOptions> = {}) =>
      shell.run({ command, cwd: dir, timeoutMs: 10_000, signal: new AbortController().signal, ...extra });

    beforeEach(async () => {
      dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-shell-')));
      shell = new NodeShell({ killGraceMs: 300, warmShells });
    });

    afterEach(async () => {
      await shell.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it('returns the output and exit code of a command', async () => {
      const ok = await run('echo hello');
      assert.equal(renderCut(ok.output), 'hello\n');
      assert.equal(ok.exitCode, 0);
      const failed = await run('echo oops >&2; exit 3');
      assert.equal(renderCut(failed.output), 'oops\n');
      assert.equal(failed.exitCode, 3);
      assert.equal(failed.timedOut, false);
    });

    it('interleaves stdout and stderr in the order they were written', async () => {
      const result = await run('echo one; echo two >&2; echo three');
      assert.equal(renderCut(result.output), 'one\ntwo\nthree\n');
    });

    it('keeps the exit code of a command with a syntax error', async () => {
      const result = await run('echo "unclosed');
      assert.notEqual(result.exitCode, 0);
      assert.match(renderCut(result.output), /unexpected EOF|Syntax error/);
    });

    it('reports the working directory after a cd so it can persist', async () => {
      await mkdir(join(dir, 'sub'));
      const result = await run('cd sub && echo moved');
      assert.equal(result.cwdAfter, join(dir, 'sub'));
      assert.equal(renderCut(result.output), 'moved\n');
      const afterExit = await run('cd sub; exit 4');
      assert.equal(afterExit.cwdAfter, join(dir, 'sub'));
      assert.equal(afterExit.exitCode, 4);
    });

    it('keeps the working directory when the command does not cd', async () => {
      assert.equal((await run('true')).cwdAfter, dir);
    });

    it('gives interactive programs end-of-file on stdin', async () => {
      const result = await run('read -r line; echo "read exited $?"');
      assert.equal(renderCut(result.output), 'read exited 1\n');
    });

    it('sets a non-blocking git editor and pager', async () => {
      const result = await run('echo "$GIT_EDITOR $PAGER"');
      assert.equal(renderCut(result.output), 'true cat\n');
    });

    it('kills the whole process group, children included, on timeout', async function () {
      this.timeout(10_000);
      const pidFile = join(dir, 'pid');
      const result = await run(`sleep 30 & echo $! > ${pidFile}; wait`, { timeoutMs: 300 });
      assert.equal(result.timedOut, true);
      assert.notEqual(result.exitCode, 0);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await until(() => !isAlive(pid));
    });

    it('escalates to SIGKILL when the command ignores SIGTERM', async function () {
      this.timeout(10_000);
      const result = await run(`trap '' TERM; sleep 30`, { timeoutMs: 200 });
      assert.equal(result.timedOut, true);
      assert.equal(result.signal, 'SIGKILL', 'SIGTERM was ignored, so SIGKILL ended it');
    });

    it('stops a command when the signal aborts', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const result = await run('sleep 30', { signal: controller.signal });
      assert.equal(result.aborted, true);
      assert.equal(result.timedOut, false);
    });

    it('does not start a command when the signal has already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await run(`touch ${join(dir, 'ran')}`, { signal: controller.signal });
      assert.equal(result.aborted, true);
      assert.equal(renderCut((await run('ls')).output), '');
    });

    it('keeps the head and tail of long output and says how much was cut', async () => {
      const small = new NodeShell({ maxOutputChars: 100, warmShells });
      const result = await small.run({
        command: 'printf "START"; head -c 5000 /dev/zero | tr "\\0" x; printf "END"',
        cwd: dir,
        timeoutMs: 10_000,
        signal: new AbortController().signal,
      });
      await small.dispose();
      assert.ok(result.output.head.startsWith('STARTxxx'));
      assert.ok(result.output.tail.endsWith('xxxEND'));
      assert.deepEqual(result.output.omitted, { characters: 4_908, lines: 0 });
      assert.match(renderCut(result.output), /\[… 4,908 characters cut …\]/);
    });

    it('streams output chunks while the command runs', async () => {
      const chunks: string[] = [];
      await run('echo a; sleep 0.1; echo b', { onOutput: (chunk) => chunks.push(chunk) });
      assert.equal(chunks.join(''), 'a\nb\n');
    });

    it('reports a missing working directory as output, not a throw', async () => {
      const result = await run('true', { cwd: join(dir, 'missing') });
      assert.equal(result.exitCode, null);
      assert.match(renderCut(result.output), /does not exist/);
    });

    it('returns even when a background child keeps the output pipe open', async function () {
      this.timeout(5_000);
      const result = await run('sleep 2 & echo started');
      assert.equal(renderCut(result.output), 'started\n');
      assert.equal(result.exitCode, 0);
    });

    it('works the same with plain sh when bash is missing', async () => {
      await mkdir(join(dir, 'sub'));
      const sh = new NodeShell({ shellPath: '/bin/sh', warmShells });
      const result = await sh.run({
        command: 'cd sub; echo "$0"; exit 5',
        cwd: dir,
        timeoutMs: 5_000,
        signal: new AbortController().signal,
      });
      await sh.dispose();
      assert.equal(renderCut(result.output), '/bin/sh\n');
      assert.equal(result.exitCode, 5);
      assert.equal(result.cwdAfter, join(dir, 'sub'));
    });

    it('reports a spawn failure as output with a null exit code', async () => {
      const broken = new NodeShell({ shellPath: join(dir, 'no-such-shell'), warmShells });
      const result = await broken.run({
        command: 'true',
        cwd: dir,
        timeoutMs: 5_000,
        signal: new AbortController().signal,
      });
      await broken.dispose();
      assert.equal(result.exitCode, null);
      assert.match(renderCut(result.output), /Could not start/);
    });

    describe('background shells', () => {
      it('runs a command in the background and reads only new output', async () => {
        const background = shell.startBackground({ command: 'echo first; sleep 0.3; echo second', cwd: dir });
        assert.equal(background.id, 'bash_1');
        assert.equal(shell.background('bash_1'), background);
        await until(() => renderCut(background.readAll()).includes('first'));
        assert.equal(renderCut(background.readNew()), 'first\n');
        await until(() => !background.status().running);
        assert.equal(renderCut(background.readNew()), 'second\n');
        assert.equal(renderCut(background.readNew()), '');
        assert.equal(renderCut(background.readAll()), 'first\nsecond\n');
        assert.equal(background.status().exitCode, 0);
      });

      it('numbers background shells and lists them', () => {
        shell.startBackground({ command: 'true', cwd: dir });
        shell.startBackground({ command: 'true', cwd: dir });
        assert.deepEqual(
          shell.listBackground().map((background) => background.id),
          ['bash_1', 'bash_2'],
        );
        assert.equal(shell.background('bash_9'), undefined);
      });

      it('kills a background shell together with its children', async function () {
        this.timeout(10_000);
        const pidFile = join(dir, 'pid');
        const background = shell.startBackground({
          command: `sleep 30 & echo $! > ${pidFile}; wait`,
          cwd: dir,
        });
        await until(() => hasContent(pidFile));
        const pid = Number(readFileSync(pidFile, 'utf8'));
        await background.kill();
        assert.equal(background.status().running, false);
        await until(() => !isAlive(pid));
      });

      it('ends every background shell and every running command, children included, on dispose', async function () {
        this.timeout(10_000);
        const one = shell.startBackground({ command: 'sleep 30', cwd: dir });
        const pidFile = join(dir, 'pid');
        const two = shell.startBackground({ command: `sleep 30 & echo $! > ${pidFile}; wait`, cwd: dir });
        const foreground = run('sleep 30');
        await until(() => hasContent(pidFile));
        const grandchild = Number(readFileSync(pidFile, 'utf8'));
        await shell.dispose();
        assert.equal(one.status().running, false);
        assert.equal(two.status().running, false);
        assert.equal((await foreground).exitCode, null, 'the foreground command was killed');
        await until(() => !isAlive(grandchild));
        await shell.dispose();
      });
    });
  });
}

function hasContent(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').trim().length > 0;
  } catch {
    return false;
  }
}
