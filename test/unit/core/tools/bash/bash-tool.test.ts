import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Shell, ShellRunOptions, ShellRunResult } from '../../../../../src/core/ports';
import { oversizedResults } from '../../../../../src/core/context/pipeline/tool-result-budget';
import { wholeText } from '../../../../../src/core/text/cut-middle';
import { bashTool } from '../../../../../src/core/tools/bash/bash-tool';
import type { ToolContext } from '../../../../../src/core/tools/tool';
import { NodeShell } from '../../../../../src/node/shell/node-shell';
import { NodeWorkspace } from '../../../../../src/node/workspace/node-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

describe('Bash tool', () => {
  let dir: string;
  let shell: NodeShell;
  let context: ToolContext;

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-bash-tool-')));
    shell = new NodeShell({ killGraceMs: 200 });
    context = createToolContext({
      workspace: new NodeWorkspace([dir]),
      shell,
      cwd: dir,
      shellState: { cwd: dir },
    });
  });

  afterEach(async () => {
    await shell.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the output of a successful command', async () => {
    const { result } = await runTool(bashTool, { command: 'echo hello' }, context);
    assert.deepEqual(result, {
      content: 'hello',
      isError: false,
      display: { kind: 'shell', exitCode: 0, command: 'echo hello' },
    });
  });

  it('shows the exit code and marks the result as an error when the command fails', async () => {
    const { result } = await runTool(bashTool, { command: 'echo broken >&2; exit 2' }, context);
    assert.equal(result.content, 'broken\nExit code 2');
    assert.equal(result.isError, true);
  });

  it('says when a command printed nothing', async () => {
    assert.equal((await runTool(bashTool, { command: 'true' }, context)).result.content, '(no output)');
  });

  it('keeps a cd inside the workspace for the next call', async () => {
    await mkdir(join(dir, 'pkg'));
    await runTool(bashTool, { command: 'cd pkg' }, context);
    assert.equal(context.shellState.cwd, join(dir, 'pkg'));
    assert.equal((await runTool(bashTool, { command: 'pwd' }, context)).result.content, join(dir, 'pkg'));
  });

  it('resets the working directory when a cd leaves the workspace, and says so', async () => {
    const { result } = await runTool(bashTool, { command: 'cd / && echo left' }, context);
    assert.equal(context.shellState.cwd, dir);
    assert.match(
      String(result.content),
      /^left\nThe shell's working directory was reset to .*outside the workspace\.$/,
    );
  });

  it('falls back to the session directory when the shell directory was deleted', async () => {
    const gone = join(dir, 'gone');
    await mkdir(gone);
    const withDisk = { ...context, shellState: { cwd: gone } };
    await rm(gone, { recursive: true });
    const { result } = await runTool(bashTool, { command: 'pwd' }, withDisk);
    assert.equal(
      result.content,
      `${dir}\nThe shell's working directory ${gone} no longer exists; the command ran in ${dir}.`,
    );
    assert.equal(withDisk.shellState.cwd, dir);
  });

  it('kills a command that runs past its timeout and says so', async () => {
    const { result } = await runTool(bashTool, { command: 'echo started; sleep 30', timeout: 300 }, context);
    assert.equal(result.content, 'started\n(timed out after 300 ms; the command was killed)');
    assert.equal(result.isError, true);
  });

  it('rejects a timeout above ten minutes', () => {
    assert.equal(bashTool.inputSchema.safeParse({ command: 'ls', timeout: 600_001 }).success, false);
    assert.equal(bashTool.inputSchema.safeParse({ command: 'ls', timeout: 600_000 }).success, true);
  });

  it('notes an aborted command', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { result } = await runTool(
      bashTool,
      { command: 'sleep 30' },
      { ...context, signal: controller.signal },
    );
    assert.match(String(result.content), /aborted/);
    assert.equal(result.isError, true);
  });

  it('cuts long output in the middle to 30,000 characters', async () => {
    const { result } = await runTool(bashTool, { command: 'head -c 50000 /dev/zero | tr "\\0" a' }, context);
    const content = String(result.content);
    assert.match(content, /^a+\n\[… 20,0\d\d characters cut …\]\na+$/);
    assert.ok(content.length <= 30_000, `${content.length} characters`);
  });

  it('saves output it cuts and names the file in its note, so Read can open what was left out', async () => {
    const saved = new Map<string, string>();
    const results = {
      directory: '/sessions/s1/tool-results',
      save: async ({ toolUseId, text }: { toolUseId: string; text: string }) => {
        saved.set(toolUseId, text);
        return { ok: true as const, path: `/sessions/s1/tool-results/${toolUseId}.txt` };
      },
    };
    const { result } = await runTool(
      bashTool,
      { command: 'seq 1 20000' },
      { ...context, toolUseId: 'toolu_seq', results },
    );
    const content = String(result.content);
    assert.ok(content.length <= bashTool.maxResultChars, `${content.length} characters`);
    assert.match(content, /cut; the output is saved in \/sessions\/s1\/tool-results\/toolu_seq\.txt …\]/);
    const whole = saved.get('toolu_seq')!.split('\n');
    assert.equal(whole.length, 20_000, 'the file holds every line');
    assert.equal(whole.at(-1), '20000');
    const { result: short } = await runTool(bashTool, { command: 'echo hi' }, { ...context, results });
    assert.equal(short.content, 'hi');
    assert.equal(saved.size, 1, 'output that fits is not saved');
  });

  it('says truly what it cut from 47 MB of output: one note, the real counts, nothing cut again', async function () {
    this.timeout(20_000);
    const count = 6_000_000;
    const { result } = await runTool(bashTool, { command: `seq 1 ${count}` }, context);
    const content = String(result.content);
    assert.ok(content.length <= bashTool.maxResultChars, `${content.length} characters`);
    const block = { type: 'tool_result' as const, toolUseId: 't', content: content, isError: false };
    const budget = { limitOf: () => bashTool.maxResultChars, turnLimit: 200_000 };
    assert.deepEqual(oversizedResults([block], budget), [], 'the tool-result budget cuts nothing more');
    const notes = [...content.matchAll(/\[… ([\d,]+) characters \(([\d,]+) lines\) cut …\]\n/g)];
    assert.equal(notes.length, 1, 'exactly one note');
    const [note] = notes;
    const [before, after] = content.split(note![0]);
    const shownBefore = before!.split('\n').filter(Boolean).map(Number);
    const shownAfter = after!.split('\n').map(Number);
    assert.deepEqual(shownBefore.slice(0, 3), [1, 2, 3], 'the head starts at the first line');
    assert.equal(shownAfter.at(-1), count, 'the tail ends at the last line');
    const cutLines = Number(note![2]!.replaceAll(',', ''));
    assert.equal(cutLines, shownAfter[0]! - shownBefore.at(-1)! - 1, 'the lines cut are the lines missing');
    const printed = seqLength(count);
    const cutCharacters = Number(note![1]!.replaceAll(',', ''));
    // The output's final line break is dropped from the result, so it is neither shown nor cut.
    assert.equal(cutCharacters, printed - before!.length - after!.length - 1);
  });

  it('streams output as progress while the command runs', async function () {
    this.timeout(10_000);
    const { progress, result } = await runTool(
      bashTool,
      { command: 'echo one; sleep 1.3; echo two; sleep 1.3; echo three' },
      context,
    );
    assert.equal(result.content, 'one\ntwo\nthree');
    assert.ok(progress.length >= 2, `expected at least 2 progress events, got ${progress.length}`);
    assert.equal(progress[0]?.text, 'one\n');
  });

  it('starts a background shell and returns its id at once', async () => {
    const { result } = await runTool(bashTool, { command: 'sleep 30', run_in_background: true }, context);
    assert.equal(context.shell.background('bash_1')?.status().running, true, 'it waited for the command');
    assert.match(
      String(result.content),
      /^Started bash_1 in the background\. Read its output with BashOutput/,
    );
    assert.equal(shell.background('bash_1')?.status().running, true);
  });

  it('decides read-only and concurrency safety per command', () => {
    assert.equal(bashTool.isReadOnly({ command: 'git status' }), true);
    assert.equal(bashTool.isConcurrencySafe({ command: 'ls -la' }), true);
    assert.equal(bashTool.isReadOnly({ command: 'rm -rf build' }), false);
    assert.equal(bashTool.isConcurrencySafe({ command: 'npm install' }), false);
    assert.equal(bashTool.permissionTarget({ command: 'npm test' }, context), 'npm test');
  });

  it('runs in the session shell directory, not the process directory', async () => {
    let seen: ShellRunOptions | undefined;
    const recording = {
      run: async (options: ShellRunOptions): Promise<ShellRunResult> => {
        seen = options;
        return {
          exitCode: 0,
          signal: null,
          output: wholeText(''),
          timedOut: false,
          aborted: false,
          cwdAfter: options.cwd,
        };
      },
    } as unknown as Shell;
    await mkdir(join(dir, 'sub'));
    await runTool(
      bashTool,
      { command: 'ls' },
      { ...context, shell: recording, shellState: { cwd: join(dir, 'sub') } },
    );
    assert.equal(seen?.cwd, join(dir, 'sub'));
    assert.equal(seen?.timeoutMs, 120_000);
  });
});

/** Characters `seq 1 count` prints: each number's digits and a line break. */
function seqLength(count: number): number {
  let total = 0;
  for (let digits = 1, from = 1; from <= count; digits += 1, from *= 10)
    total += (Math.min(count, from * 10 - 1) - from + 1) * (digits + 1);
  return total;
}
