import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeRestore } from '../../../../src/core/checkpoints/restore-executor';
import { silentLogger } from '../../../../src/core/ports';
import { TreeSitterShellParser } from '../../../../src/node/bash-parser/tree-sitter-shell-parser';
import { CheckpointStorage } from '../../../../src/node/checkpoints/checkpoint-storage';
import { createCheckpointing } from '../../../../src/node/checkpoints/create-checkpointing';
import { SessionRewind } from '../../../../src/node/checkpoints/session-rewind';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import { NodeShell } from '../../../../src/node/shell/node-shell';
import { NodeWorkspace } from '../../../../src/node/workspace/node-workspace';
import { realClock } from '../../../support/tool-context';

const bomCrlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('one\r\ntwo\r\n')]);
const binary = Buffer.from([0x00, 0xff, 0x10, 0x0d, 0x0a, 0x80]);

describe('checkpoints on the real disk', function () {
  this.timeout(20_000);
  let scratch: string;
  let root: string;
  let storage: CheckpointStorage;
  const shell = new NodeShell();

  beforeEach(() => {
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-checkpoints-')));
    root = join(scratch, 'project');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'crlf.txt'), bomCrlf);
    writeFileSync(join(root, 'src', 'image.bin'), binary);
    writeFileSync(join(root, 'gone.txt'), 'delete me\n');
    storage = new CheckpointStorage({
      directory: join(scratch, 'store'),
      maxBytes: 10_000_000,
      logger: silentLogger,
    });
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  async function setup() {
    return createCheckpointing({
      storage,
      sessionId: 'session-1',
      workspace: new NodeWorkspace([root]),
      parser: await TreeSitterShellParser.load(),
      clock: realClock,
      logger: silentLogger,
    });
  }

  async function run(command: string): Promise<void> {
    const result = await shell.run({
      command,
      cwd: root,
      timeoutMs: 10_000,
      signal: new AbortController().signal,
    });
    assert.equal(result.exitCode, 0, result.output.head + result.output.tail);
  }

  it('restores edits, a created and a deleted file and a sed -i byte for byte', async () => {
    const checkpointing = await setup();
    const id = await checkpointing.recorder.beginTurn('change everything');
    assert.ok(id !== undefined);
    await checkpointing.workspace.writeFile(join(root, 'src', 'crlf.txt'), Buffer.from('rewritten\n'));
    await checkpointing.workspace.writeFile(join(root, 'src', 'new.ts'), Buffer.from('export {};\n'));
    await checkpointing.workspace.deleteFile(join(root, 'gone.txt'));
    await checkpointing.recorder.beforeCommand("sed -i 's/\\x10/X/' src/image.bin", root);
    await run("sed -i 's/\\x10/X/' src/image.bin");
    await checkpointing.recorder.endTurn();
    assert.notDeepEqual(readFileSync(join(root, 'src', 'image.bin')), binary);

    const session = await storage.session('session-1');
    const planned = await session.planRestore(new NodeWorkspace([root]), id);
    assert.ok(planned.ok);
    assert.deepEqual(
      planned.plan.entries.map((entry) => [entry.path.slice(root.length + 1), entry.action, entry.conflict]),
      [
        ['gone.txt', 'recreate', undefined],
        ['src/crlf.txt', 'revert', undefined],
        ['src/image.bin', 'revert', undefined],
        ['src/new.ts', 'delete', undefined],
      ],
    );
    const outcome = await executeRestore({
      session,
      plan: planned.plan,
      overwrite: new Set(),
      workspace: new NodeWorkspace([root]),
      now: () => Date.now(),
    });
    assert.ok(outcome.files.every((file) => file.kind === 'restored' && file.exact));
    assert.deepEqual(readFileSync(join(root, 'src', 'crlf.txt')), bomCrlf);
    assert.deepEqual(readFileSync(join(root, 'src', 'image.bin')), binary);
    assert.equal(readFileSync(join(root, 'gone.txt'), 'utf8'), 'delete me\n');
    assert.equal(existsSync(join(root, 'src', 'new.ts')), false);
  });

  it('survives a reload: a new storage object restores what the old one recorded', async () => {
    const checkpointing = await setup();
    const id = await checkpointing.recorder.beginTurn('edit');
    assert.ok(id !== undefined);
    await checkpointing.workspace.writeFile(join(root, 'src', 'crlf.txt'), Buffer.from('x'));
    await checkpointing.recorder.endTurn();

    const reloaded = new CheckpointStorage({
      directory: join(scratch, 'store'),
      maxBytes: 10_000_000,
      logger: silentLogger,
    });
    const session = await reloaded.session('session-1');
    assert.equal(session.allocateId(), id + 1);
    const planned = await session.planRestore(new NodeWorkspace([root]), id);
    assert.ok(planned.ok);
    await executeRestore({
      session,
      plan: planned.plan,
      overwrite: new Set(),
      workspace: new NodeWorkspace([root]),
      now: Date.now,
    });
    assert.deepEqual(readFileSync(join(root, 'src', 'crlf.txt')), bomCrlf);
  });

  it('tells which files an unnamed command changed and cannot be restored', async () => {
    const checkpointing = await setup();
    const id = await checkpointing.recorder.beginTurn('format');
    assert.ok(id !== undefined);
    await checkpointing.recorder.beforeCommand('sh ./format.sh', root);
    writeFileSync(join(root, 'gone.txt'), 'formatted\n');
    const summary = await checkpointing.recorder.endTurn();
    assert.deepEqual(summary?.unrestorable, [join(root, 'gone.txt')]);
  });

  it('never records its own storage when it lies inside the workspace', async () => {
    storage = new CheckpointStorage({
      directory: join(root, '.tandem', 'checkpoints'),
      maxBytes: 10_000_000,
      logger: silentLogger,
    });
    const checkpointing = await setup();
    await checkpointing.recorder.beginTurn('edit');
    await checkpointing.workspace.writeFile(join(root, 'src', 'crlf.txt'), Buffer.from('x'));
    const summary = await checkpointing.recorder.endTurn();
    assert.deepEqual(summary?.changed, [join(root, 'src', 'crlf.txt')]);
  });

  it('refuses to plan a restore while a turn of the session is open, and plans once it closed', async () => {
    const checkpointing = await setup();
    const sessions = new JsonlTranscriptStore(join(scratch, 'sessions'), silentLogger);
    const sink = sessions.sink('session-1');
    sink.append({ type: 'checkpoint', checkpointId: 1, timestamp: 0 });
    sink.append({
      type: 'message',
      message: { role: 'user', content: [{ type: 'text', text: 'go' }] },
      timestamp: 0,
    });
    const rewind = new SessionRewind(sessions, storage);
    await checkpointing.recorder.beginTurn('go');
    await checkpointing.workspace.writeFile(join(root, 'gone.txt'), Buffer.from('changed\n'));
    const during = await rewind.planFiles('session-1', 1, new NodeWorkspace([root]));
    assert.deepEqual(during, {
      ok: false,
      message: 'A turn of this chat is still running; stop it or wait, then restore.',
    });
    void checkpointing.recorder.endTurn();
    const after = await rewind.planFiles('session-1', 1, new NodeWorkspace([root]));
    assert.ok(after.ok);
    assert.deepEqual(
      after.plan.entries.map((entry) => entry.action),
      ['revert'],
    );
  });
});
