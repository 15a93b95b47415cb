import { strict as assert } from 'node:assert';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWorkspace } from '../../../../src/node/workspace/node-workspace';

const text = (value: string) => new TextEncoder().encode(value);

describe('NodeWorkspace', () => {
  let dir: string;
  let workspace: NodeWorkspace;

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'tandem-workspace-')));
    workspace = new NodeWorkspace([dir]);
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a file, creating missing parent folders', async () => {
    const path = join(dir, 'a', 'b', 'c.txt');
    await workspace.writeFile(path, text('hello'));
    assert.equal(await readFile(path, 'utf8'), 'hello');
    assert.deepEqual(await readdir(join(dir, 'a', 'b')), ['c.txt']);
  });

  it('replaces a file atomically and leaves no temp file behind', async () => {
    const path = join(dir, 'file.txt');
    await writeFile(path, 'old');
    await workspace.writeFile(path, text('new'));
    assert.equal(await readFile(path, 'utf8'), 'new');
    assert.deepEqual(await readdir(dir), ['file.txt']);
  });

  it('keeps the mode of the file it replaces', async () => {
    const path = join(dir, 'script.sh');
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o751);
    await workspace.writeFile(path, text('#!/bin/sh\necho hi\n'));
    assert.equal((await stat(path)).mode & 0o777, 0o751);
  });

  it('writes through a symlink instead of replacing it', async () => {
    await writeFile(join(dir, 'real.txt'), 'old');
    await symlink(join(dir, 'real.txt'), join(dir, 'link.txt'));
    await workspace.writeFile(join(dir, 'link.txt'), text('new'));
    assert.equal(await readFile(join(dir, 'real.txt'), 'utf8'), 'new');
    assert.equal(await realpath(join(dir, 'link.txt')), join(dir, 'real.txt'));
  });

  it('reads the exact bytes of a file', async () => {
    await writeFile(join(dir, 'bom.txt'), Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a]));
    const content = await workspace.readFile(join(dir, 'bom.txt'));
    assert.deepEqual([...content.bytes], [0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a]);
  });

  it('stats files and folders and returns undefined for a missing path', async () => {
    await writeFile(join(dir, 'f.txt'), 'abc');
    const file = await workspace.stat(join(dir, 'f.txt'));
    assert.equal(file?.kind, 'file');
    assert.equal(file?.size, 3);
    assert.ok((file?.mtimeMs ?? 0) > 0);
    assert.equal((await workspace.stat(dir))?.kind, 'directory');
    assert.equal(await workspace.stat(join(dir, 'missing')), undefined);
    assert.equal(await workspace.stat(join(dir, 'f.txt', 'below-a-file')), undefined);
  });

  it('deletes a file', async () => {
    await writeFile(join(dir, 'gone.txt'), 'x');
    await workspace.deleteFile(join(dir, 'gone.txt'));
    assert.equal(await workspace.stat(join(dir, 'gone.txt')), undefined);
  });

  it('lists a folder with kinds, following symlinks', async () => {
    await writeFile(join(dir, 'f.txt'), 'x');
    await mkdir(join(dir, 'sub'));
    await symlink(join(dir, 'sub'), join(dir, 'sub-link'));
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling'));
    const entries = (await workspace.listDirectory(dir)).sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(entries, [
      { name: 'dangling', kind: 'other' },
      { name: 'f.txt', kind: 'file' },
      { name: 'sub', kind: 'directory' },
      { name: 'sub-link', kind: 'directory' },
    ]);
  });

  it('resolves a path through a symlinked folder', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'f.txt'), 'x');
    await symlink(join(dir, 'real'), join(dir, 'alias'));
    assert.equal(await workspace.realPath(join(dir, 'alias', 'f.txt')), join(dir, 'real', 'f.txt'));
    assert.equal(
      await workspace.realPath(join(dir, 'alias', '..', 'alias', 'f.txt')),
      join(dir, 'real', 'f.txt'),
    );
  });

  it('resolves a missing path by its deepest existing ancestor', async () => {
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real'), join(dir, 'alias'));
    assert.equal(
      await workspace.realPath(join(dir, 'alias', 'new', 'file.ts')),
      join(dir, 'real', 'new', 'file.ts'),
    );
  });

  it('exposes its roots as absolute paths', () => {
    assert.deepEqual(new NodeWorkspace(['relative']).roots, [join(process.cwd(), 'relative')]);
  });
});
