import { strict as assert } from 'node:assert';
import type { BackgroundShell, Clock, Shell } from '../../../../../src/core/ports';
import { wholeText } from '../../../../../src/core/text/cut-middle';
import {
  checkBackgroundShells,
  detectInteractivePrompt,
} from '../../../../../src/core/tools/bash/interactive-prompt';

const prompts = [
  'Delete all files? (y/n) ',
  'Proceed [Y/n]',
  'Overwrite existing config? [y/N]:',
  'Are you sure you want to continue connecting (yes/no/[fingerprint])? ',
  'Press any key to continue...',
  'Press Enter to start',
  'Password:',
  '[sudo] password for alice: ',
  'Enter passphrase for key /home/a/.ssh/id_ed25519: ',
  'Continue?',
  'Are you sure?',
  'Do you want to install the missing packages',
  '? Which template would you like to use? › - Use arrow-keys.',
  'building...\n\u001b[1m? Project name:\u001b[0m \u001b[2m›\u001b[0m',
  'output line\nOk to proceed? (y) \n\n',
];

const notPrompts = [
  '',
  'Compiling 42 modules\n',
  'Server listening on http://localhost:3000',
  'Tests: 12 passed, 12 total',
  'Question? (y/n) was answered\nDone.',
  'watching for file changes...',
];

describe('detectInteractivePrompt', () => {
  for (const tail of prompts) {
    it(`sees a prompt in ${JSON.stringify(tail)} after 5 s of silence`, () => {
      assert.equal(detectInteractivePrompt(tail, 5_000), true);
    });
  }
  for (const tail of notPrompts) {
    it(`sees no prompt in ${JSON.stringify(tail)}`, () => {
      assert.equal(detectInteractivePrompt(tail, 60_000), false);
    });
  }

  it('waits for 5 s of silence before calling anything a prompt', () => {
    assert.equal(detectInteractivePrompt('Continue? (y/n)', 4_999), false);
  });

  it('looks only at the last 1,024 characters', () => {
    assert.equal(detectInteractivePrompt(`Continue? (y/n)${'x'.repeat(2_000)}`, 10_000), false);
  });
});

function fakeBackground(id: string, output: string, lastOutputAt: number, running = true): BackgroundShell {
  return {
    id,
    command: `cmd-${id}`,
    readNew: () => wholeText(output),
    readAll: () => wholeText(output),
    status: () => ({ running, exitCode: running ? null : 0, startedAt: 0, lastOutputAt }),
    kill: async () => {},
  };
}

describe('checkBackgroundShells', () => {
  const clock: Clock = { now: () => 10_000, random: () => 0.5, sleep: async () => {} };
  const shells = [
    fakeBackground('bash_1', 'Continue? [y/N]', 1_000),
    fakeBackground('bash_2', 'Continue? [y/N]', 9_000),
    fakeBackground('bash_3', 'Continue? [y/N]', 1_000, false),
    fakeBackground('bash_4', 'listening on :3000', 1_000),
  ];
  const shell = { listBackground: () => shells } as unknown as Shell;

  it('reports only running shells silent on a prompt, with advice to rerun non-interactively', () => {
    const notices = checkBackgroundShells(shell, clock);
    assert.deepEqual(
      notices.map((notice) => notice.id),
      ['bash_1'],
    );
    assert.equal(notices[0]?.command, 'cmd-bash_1');
    assert.match(notices[0]?.message ?? '', /KillShell.*--yes/s);
  });

  it('reports a shell once when given the set of shells already reported', () => {
    const notified = new Set<string>();
    assert.equal(checkBackgroundShells(shell, clock, notified).length, 1);
    assert.equal(checkBackgroundShells(shell, clock, notified).length, 0);
  });
});
