import { strict as assert } from 'node:assert';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LockFileContent } from '../../../../src/host/bridge/lock-file';
import {
  IdeLockFile,
  advertisedFolders,
  lockDirectory,
  processAlive,
  sweepStaleLockFiles,
  writeLockFile,
} from '../../../../src/host/bridge/lock-file';

function content(overrides: Partial<LockFileContent> = {}): LockFileContent {
  return {
    pid: process.pid,
    workspaceFolders: ['/work/project'],
    ideName: 'Tandem',
    transport: 'ws',
    runningInWindows: false,
    authToken: 'secret',
    ...overrides,
  };
}

describe('lock file', () => {
  it('lives in $CLAUDE_CONFIG_DIR/ide when set, else in ~/.claude/ide', () => {
    assert.equal(lockDirectory({ CLAUDE_CONFIG_DIR: '/cfg' }, '/home/u'), '/cfg/ide');
    assert.equal(lockDirectory({}, '/home/u'), '/home/u/.claude/ide');
    assert.equal(lockDirectory({ CLAUDE_CONFIG_DIR: '' }, '/home/u'), '/home/u/.claude/ide');
  });

  it('is written as <port>.lock with the exact fields, readable by the user only, in a private folder', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'tandem-lock-')), 'ide');
    const path = await writeLockFile(directory, 45678, content());
    assert.equal(path, join(directory, '45678.lock'));
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), content());
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(directory).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(directory), ['45678.lock'], 'no temporary file is left behind');
  });

  it('is rewritten in place with new folders', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
    await writeLockFile(directory, 1234, content());
    await writeLockFile(directory, 1234, content({ workspaceFolders: ['/a', '/b'] }));
    assert.deepEqual(JSON.parse(readFileSync(join(directory, '1234.lock'), 'utf8')).workspaceFolders, [
      '/a',
      '/b',
    ]);
  });

  it('keeps its port and token when rewritten for new folders, and is gone once removed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
    const lock = new IdeLockFile({ directory, port: 5555, token: 'tok', ideName: 'Tandem', pid: 42 });
    await lock.write(['/a']);
    await lock.write(['/a', '/b']);
    assert.equal(lock.path, join(directory, '5555.lock'));
    assert.deepEqual(JSON.parse(readFileSync(lock.path, 'utf8')), {
      pid: 42,
      workspaceFolders: ['/a', '/b'],
      ideName: 'Tandem',
      transport: 'ws',
      runningInWindows: false,
      authToken: 'tok',
    });
    lock.remove();
    assert.deepEqual(readdirSync(directory), []);
  });

  it('advertises a folder reached through a symlink under its real path too', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-lock-')));
    const link = join(root, 'link');
    symlinkSync(root, link);
    assert.deepEqual(await advertisedFolders([link, '/does/not/exist']), [link, '/does/not/exist', root]);
  });

  it("sweeps our own locks whose window died, never another IDE's nor a live one", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
    const deadPid = 2 ** 22 + 12345;
    await writeLockFile(directory, 1, content({ pid: deadPid }));
    await writeLockFile(directory, 2, content({ pid: process.pid }));
    await writeLockFile(directory, 3, content({ pid: deadPid, ideName: 'Visual Studio Code' }));
    writeFileSync(join(directory, '4.lock'), 'not json');
    const removed = await sweepStaleLockFiles(directory, (lock) => lock.ideName === 'Tandem');
    assert.deepEqual(removed, [join(directory, '1.lock')]);
    assert.deepEqual(readdirSync(directory).sort(), ['2.lock', '3.lock', '4.lock']);
  });

  it('tells a live pid from a dead one', () => {
    assert.equal(processAlive(process.pid), true);
    assert.equal(processAlive(2 ** 22 + 12345), false);
  });
});
