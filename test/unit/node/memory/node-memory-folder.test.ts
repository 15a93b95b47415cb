import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryFolderError } from '../../../../src/core/memory/memory-folder';
import { NodeMemoryFolder } from '../../../../src/node/memory/node-memory-folder';

describe('NodeMemoryFolder: the memory folder on disk', () => {
  let scratch: string;
  let location: string;
  let outside: string;
  let folder: NodeMemoryFolder;

  beforeEach(() => {
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-memory-')));
    location = join(scratch, 'memory');
    outside = join(scratch, 'dot-ssh');
    mkdirSync(outside);
    writeFileSync(join(outside, 'authorized_keys.md'), 'ssh-ed25519 AAAA the real key\n');
    folder = new NodeMemoryFolder(location);
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const refusal = async (action: Promise<unknown>): Promise<MemoryFolderError['code']> => {
    try {
      await action;
    } catch (error) {
      if (MemoryFolderError.is(error)) return error.code;
      throw error;
    }
    assert.fail('expected a refusal');
  };

  it('creates the folder privately on the first write, then lists, reads and deletes', async () => {
    assert.deepEqual(await folder.list(), []);
    await folder.write('feedback/testing.md', 'Use the real database in tests.\n');
    await folder.write('MEMORY.md', '- [Testing](feedback/testing.md)\n');
    assert.deepEqual(
      (await folder.list()).map((file) => file.path),
      ['MEMORY.md', 'feedback/testing.md'],
    );
    assert.equal(await folder.read('feedback/testing.md'), 'Use the real database in tests.\n');
    assert.equal(await folder.delete('feedback/testing.md'), true);
    assert.equal(await folder.read('feedback/testing.md'), undefined);
    assert.equal(await folder.delete('feedback/testing.md'), false);
  });

  it('refuses paths out of the folder before touching the disk', async () => {
    for (const path of ['../dot-ssh/authorized_keys.md', `${outside}/authorized_keys.md`, '~/x.md']) {
      assert.equal(await refusal(folder.write(path, 'pwned')), 'refused-path', path);
    }
    assert.equal(
      readFileSync(join(outside, 'authorized_keys.md'), 'utf8'),
      'ssh-ed25519 AAAA the real key\n',
    );
  });

  it('refuses a symbolic link in the folder that leads out: a linked file or a linked folder', async () => {
    mkdirSync(location);
    symlinkSync(join(outside, 'authorized_keys.md'), join(location, 'keys.md'));
    symlinkSync(outside, join(location, 'ssh'));
    assert.equal(await refusal(folder.write('keys.md', 'pwned')), 'symlink');
    assert.equal(await refusal(folder.read('keys.md')), 'symlink');
    assert.equal(await refusal(folder.write('ssh/authorized_keys.md', 'pwned')), 'symlink');
    assert.equal(await refusal(folder.delete('ssh/authorized_keys.md')), 'symlink');
    assert.equal(
      readFileSync(join(outside, 'authorized_keys.md'), 'utf8'),
      'ssh-ed25519 AAAA the real key\n',
    );
    assert.deepEqual(await folder.list(), [], 'links are not listed');
  });

  it('works when the folder itself is a link the person made', async () => {
    const real = join(scratch, 'elsewhere');
    mkdirSync(real);
    symlinkSync(real, location);
    await folder.write('MEMORY.md', '- nothing yet\n');
    assert.ok(existsSync(join(real, 'MEMORY.md')));
  });
});
