import { strict as assert } from 'node:assert';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackgroundShell, Clock, Shell } from '../../../../../src/core/ports';
import { renderCut, wholeText } from '../../../../../src/core/text/cut-middle';
import { bashOutputTool } from '../../../../../src/core/tools/bash/bash-output-tool';
import { killShellTool } from '../../../../../src/core/tools/bash/kill-shell-tool';
import type { ToolContext } from '../../../../../src/core/tools/tool';
import { NodeShell } from '../../../../../src/node/shell/node-shell';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

/** Polls until `condition` holds; the test's own timeout bounds the wait, so a slow machine only waits longer. */
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('BashOutput and KillShell tools', () => {
  let dir: string;
  let shell: NodeShell;
  let context: ToolContext;

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-bash-output-')));
    shell = new NodeShell({ killGraceMs: 200 });
    context = createToolContext({
      workspace: new MemoryWorkspace([dir]),
      shell,
      cwd: dir,
      shellState: { cwd: dir },
    });
  });

  afterEach(async () => {
    await shell.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns only the output produced since the last read, with the status', async () => {
    const background = shell.startBackground({ command: 'echo first; sleep 30', cwd: dir });
    await until(() => renderCut(background.readAll()).length > 0);
    const first = await runTool(bashOutputTool, { bash_id: background.id }, context);
    assert.equal(first.result.content, 'bash_1: running\n\nfirst');
    const second = await runTool(bashOutputTool, { bash_id: background.id }, context);
    assert.equal(second.result.content, 'bash_1: running\n\n(no new output)');
  });

  it('reports the exit code of a finished background shell', async () => {
    const background = shell.startBackground({ command: 'echo done; exit 3', cwd: dir });
    await until(() => !background.status().running);
    const { result } = await runTool(bashOutputTool, { bash_id: 'bash_1' }, context);
    assert.equal(result.content, 'bash_1: exited with code 3\n\ndone');
  });

  it('keeps only lines matching the filter', async () => {
    const background = shell.startBackground({
      command: 'printf "ok 1\\nERROR x\\nok 2\\nERROR y\\n"',
      cwd: dir,
    });
    await until(() => !background.status().running);
    const { result } = await runTool(bashOutputTool, { bash_id: 'bash_1', filter: '^ERROR' }, context);
    assert.equal(result.content, 'bash_1: exited with code 0\n\nERROR x\nERROR y');
  });

  it('rejects an invalid filter and an unknown id with a message the model can act on', async () => {
    shell.startBackground({ command: 'true', cwd: dir });
    const badFilter = await runTool(bashOutputTool, { bash_id: 'bash_1', filter: '(' }, context);
    assert.equal(badFilter.result.isError, true);
    assert.match(String(badFilter.result.content), /not a valid regular expression/);
    const unknown = await runTool(bashOutputTool, { bash_id: 'bash_7' }, context);
    assert.equal(unknown.result.content, 'No background shell with id "bash_7". Known shells: bash_1.');
  });

  it('tells the model when a background command waits for input', async () => {
    const background: BackgroundShell = {
      id: 'bash_4',
      command: 'npx create-thing',
      readNew: () => wholeText('Need to install the following packages:\nOk to proceed? (y) '),
      readAll: () => wholeText('Need to install the following packages:\nOk to proceed? (y) '),
      status: () => ({ running: true, exitCode: null, startedAt: 0, lastOutputAt: 1_000 }),
      kill: async () => {},
    };
    const fakeShell = {
      background: () => background,
      listBackground: () => [background],
    } as unknown as Shell;
    const clock: Clock = { now: () => 7_000, random: () => 0, sleep: async () => {} };
    const { result } = await runTool(
      bashOutputTool,
      { bash_id: 'bash_4' },
      { ...context, shell: fakeShell, clock },
    );
    assert.match(
      String(result.content),
      /bash_4 appears to be waiting for interactive input.*KillShell.*--yes/s,
    );
    const recent: Clock = { ...clock, now: () => 2_000 };
    const quiet = await runTool(
      bashOutputTool,
      { bash_id: 'bash_4' },
      { ...context, shell: fakeShell, clock: recent },
    );
    assert.doesNotMatch(String(quiet.result.content), /interactive input/);
  });

  it('is read-only and safe to run alongside other tools', () => {
    assert.equal(bashOutputTool.isReadOnly({ bash_id: 'bash_1' }), true);
    assert.equal(bashOutputTool.isConcurrencySafe({ bash_id: 'bash_1' }), true);
  });

  it('kills a running background shell', async () => {
    const background = shell.startBackground({ command: 'sleep 30', cwd: dir });
    const { result } = await runTool(killShellTool, { shell_id: 'bash_1' }, context);
    assert.equal(result.content, 'Killed bash_1 (sleep 30).');
    assert.equal(background.status().running, false);
    const again = await runTool(killShellTool, { shell_id: 'bash_1' }, context);
    assert.match(String(again.result.content), /^bash_1 had already exited/);
  });

  it('refuses to kill an unknown shell and is never read-only', async () => {
    const { result } = await runTool(killShellTool, { shell_id: 'bash_9' }, context);
    assert.equal(result.isError, true);
    assert.match(String(result.content), /No background shells have been started/);
    assert.equal(killShellTool.isReadOnly({ shell_id: 'bash_1' }), false);
  });
});
