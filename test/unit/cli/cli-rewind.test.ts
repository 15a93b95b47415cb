import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { cliPath, runCli } from '../../support/run-cli';

const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('alpha\r\nbeta\r\n')]);

describe('tandem --rewind (built bundle against the scripted server)', function () {
  this.timeout(60_000);
  let server: ScriptedModelServer;
  let folder: string;
  let env: Record<string, string>;
  let sessionId: string;
  const file = (name: string) => join(folder, name);

  before(function () {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  /** Turn 1 edits a.txt (BOM + CRLF) and creates b.txt; turn 2 runs sed -i on c.txt and rm d.txt. */
  beforeEach(async () => {
    server = new ScriptedModelServer();
    const { url } = await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-rewind-')));
    env = {
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'test-key',
      TANDEM_HOME: join(folder, '.tandem-home'),
    };
    writeFileSync(file('a.txt'), crlf);
    writeFileSync(file('c.txt'), 'count = 1\n');
    writeFileSync(file('d.txt'), 'keep me\n');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: file('a.txt') } } }] },
      {
        blocks: [
          {
            toolUse: {
              name: 'Edit',
              input: { file_path: file('a.txt'), old_string: 'beta', new_string: 'gamma' },
            },
          },
          { toolUse: { name: 'Write', input: { file_path: file('b.txt'), content: 'new file\n' } } },
        ],
      },
      { blocks: [{ text: 'Edited a, created b.' }] },
    );
    const first = await runCli(
      ['-p', 'edit a and create b', '--permission-mode', 'acceptEdits', '--output-format', 'json'],
      { cwd: folder, env },
    );
    assert.equal(first.code, 0, first.stderr);
    sessionId = (JSON.parse(first.stdout) as { session_id: string }).session_id;
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Bash', input: { command: "sed -i 's/1/2/' c.txt && rm d.txt" } } }] },
      { blocks: [{ text: 'Bumped c, removed d.' }] },
    );
    const second = await runCli(
      ['-p', 'bump c and remove d', '--resume', sessionId, '--allowedTools', 'Bash(sed:*)', 'Bash(rm:*)'],
      { cwd: folder, env },
    );
    assert.equal(second.code, 0, second.stderr);
    assert.equal(readFileSync(file('c.txt'), 'utf8'), 'count = 2\n');
    assert.equal(existsSync(file('d.txt')), false);
  });

  afterEach(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the turns with their checkpoints and the files each changed', async () => {
    const run = await runCli(['--resume', sessionId, '--rewind', 'list', '--output-format', 'json'], {
      cwd: folder,
      env,
    });
    assert.equal(run.code, 0, run.stderr);
    const turns = JSON.parse(run.stdout) as { turn: number; prompt: string; files: string[] }[];
    assert.deepEqual(
      turns.map((turn) => [turn.turn, turn.prompt, turn.files.sort()]),
      [
        [1, 'edit a and create b', ['a.txt', 'b.txt']],
        [2, 'bump c and remove d', ['c.txt', 'd.txt']],
      ],
    );
  });

  it('restores every file byte for byte and cuts the conversation, keeping a file the person changed', async () => {
    writeFileSync(file('b.txt'), 'the person wrote here\n');
    const run = await runCli(['--resume', sessionId, '--rewind', '1'], { cwd: folder, env });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readFileSync(file('a.txt')), crlf);
    assert.equal(readFileSync(file('c.txt'), 'utf8'), 'count = 1\n');
    assert.equal(readFileSync(file('d.txt'), 'utf8'), 'keep me\n');
    assert.equal(readFileSync(file('b.txt'), 'utf8'), 'the person wrote here\n');
    assert.match(
      run.stdout,
      /b\.txt: delete \(created since\)\n {4}! It was changed after Tandem last wrote it/,
    );
    assert.match(run.stdout, /b\.txt: kept as it is/);
    assert.match(
      run.stdout,
      /Conversation rewound to before turn 1\. Your message then was:\n {2}edit a and create b/,
    );
    const list = await runCli(['--resume', sessionId, '--rewind', 'list', '--output-format', 'json'], {
      cwd: folder,
      env,
    });
    assert.deepEqual(JSON.parse(list.stdout), []);
  });

  it('overwrites a changed file only when it is named with --overwrite', async () => {
    writeFileSync(file('b.txt'), 'the person wrote here\n');
    const run = await runCli(
      ['--resume', sessionId, '--rewind', '1', '--rewind-files', '--overwrite', 'b.txt'],
      {
        cwd: folder,
        env,
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(file('b.txt')), false);
    assert.doesNotMatch(run.stdout, /Conversation rewound/);
  });

  it('prints the plan and the diffs with --dry-run and changes nothing', async () => {
    const run = await runCli(['--resume', sessionId, '--rewind', '2', '--dry-run'], { cwd: folder, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /c\.txt: revert/);
    assert.match(run.stdout, /-count = 2\n\+count = 1/);
    assert.match(run.stdout, /d\.txt: recreate \(deleted since\)/);
    assert.equal(readFileSync(file('c.txt'), 'utf8'), 'count = 2\n');
    assert.equal(existsSync(file('d.txt')), false);
  });

  it('rewinds then runs the new prompt in the rewound conversation', async () => {
    server.enqueue((request) => {
      const messages = (request.body as { messages: { role: string; content: unknown }[] }).messages;
      return [{ text: `the model saw ${messages.length} messages` }];
    });
    const run = await runCli(
      ['--resume', sessionId, '--rewind', '2', '--rewind-conversation', '-p', 'try again'],
      {
        cwd: folder,
        env,
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /the model saw 7 messages/);
    assert.equal(readFileSync(file('c.txt'), 'utf8'), 'count = 2\n');
  });

  it('forks the conversation up to a turn into a new session, leaving files and the original alone', async () => {
    const run = await runCli(['--resume', sessionId, '--rewind', '2', '--fork-session'], {
      cwd: folder,
      env,
    });
    assert.equal(run.code, 0, run.stderr);
    const forkId = /Forked into session ([\w-]+)/.exec(run.stdout)?.[1];
    assert.ok(forkId);
    const list = await runCli(['--resume', forkId, '--rewind', 'list', '--output-format', 'json'], {
      cwd: folder,
      env,
    });
    assert.deepEqual(
      (JSON.parse(list.stdout) as { prompt: string }[]).map((turn) => turn.prompt),
      ['edit a and create b'],
    );
    const original = await runCli(['--resume', sessionId, '--rewind', 'list', '--output-format', 'json'], {
      cwd: folder,
      env,
    });
    assert.equal((JSON.parse(original.stdout) as unknown[]).length, 2);
    assert.equal(readFileSync(file('c.txt'), 'utf8'), 'count = 2\n');
  });

  it('refuses --rewind without --resume and a turn that does not exist', async () => {
    const missing = await runCli(['--rewind', '1'], { cwd: folder, env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--rewind and --fork-session need --resume/);
    const beyond = await runCli(['--resume', sessionId, '--rewind', '9'], { cwd: folder, env });
    assert.equal(beyond.code, 1);
    assert.match(beyond.stdout, /no turn 9/);
  });
});
