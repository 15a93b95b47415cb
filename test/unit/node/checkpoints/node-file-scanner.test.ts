import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileScanner } from '../../../../src/node/checkpoints/node-file-scanner';

describe('node file scanner', () => {
  let root: string;
  const signal = new AbortController().signal;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-scan-')));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.gitignore'), 'dist/\n');
    writeFileSync(join(root, 'src', 'a.ts'), 'abc');
    writeFileSync(join(root, '.eslintrc'), '{}');
    writeFileSync(join(root, 'dist', 'out.js'), 'x');
    writeFileSync(join(root, '.git', 'HEAD'), 'ref');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('fingerprints the files .gitignore keeps, hidden ones included, never .git', async () => {
    const scan = await new NodeFileScanner().scan({ roots: [root], limit: 100, signal });
    assert.deepEqual([...scan.files.keys()].sort(), [
      join(root, '.eslintrc'),
      join(root, '.gitignore'),
      join(root, 'src', 'a.ts'),
    ]);
    assert.equal(scan.files.get(join(root, 'src', 'a.ts'))?.size, 3);
    assert.equal(scan.complete, true);
  });

  it('says the scan is incomplete past the limit', async () => {
    const scan = await new NodeFileScanner().scan({ roots: [root], limit: 2, signal });
    assert.equal(scan.files.size, 2);
    assert.equal(scan.complete, false);
  });

  it('rejects when ripgrep cannot run', async () => {
    await assert.rejects(
      new NodeFileScanner({ rgPath: join(root, 'no-rg') }).scan({ roots: [root], limit: 5, signal }),
    );
  });
});
