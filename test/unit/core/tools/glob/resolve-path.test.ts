import { strict as assert } from 'node:assert';
import { isInsidePath, resolvePath } from '../../../../../src/core/tools/glob/resolve-path';

describe('resolvePath', () => {
  const cases: [string, string, string][] = [
    ['/work', 'src', '/work/src'],
    ['/work/', './src/../lib/', '/work/lib'],
    ['/work', '/etc/passwd', '/etc/passwd'],
    ['/work', '../../..', '/'],
    ['/work', '.', '/work'],
    ['C:\\repo', 'src\\a.ts', 'C:/repo/src/a.ts'],
  ];
  for (const [cwd, path, expected] of cases) {
    it(`resolves ${path} in ${cwd} to ${expected}`, () => assert.equal(resolvePath(cwd, path), expected));
  }
});

describe('isInsidePath', () => {
  const cases: [string, string, boolean][] = [
    ['/work', '/work', true],
    ['/work/src/a.ts', '/work', true],
    ['/work/src', '/work/', true],
    ['/workshop', '/work', false],
    ['/etc', '/work', false],
  ];
  for (const [path, root, expected] of cases) {
    it(`says ${path} is ${expected ? '' : 'not '}inside ${root}`, () =>
      assert.equal(isInsidePath(path, root), expected));
  }
});
