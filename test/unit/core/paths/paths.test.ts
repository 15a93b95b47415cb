import { strict as assert } from 'node:assert';
import { foldersBetween, isInsidePath } from '../../../../src/core/paths/is-inside-path';
import { isAbsolutePath, normalizePath, pathRoot } from '../../../../src/core/paths/normalize-path';
import { parentPath, splitPath } from '../../../../src/core/paths/path-parts';
import { isUncPath, toPosixPath } from '../../../../src/core/paths/posix-path';
import { expandHome, joinPath, resolvePath } from '../../../../src/core/paths/resolve-path';

/**
 * One table for every path rule the core uses. The POSIX rows pin what the four modules this one
 * replaced did (file tools, Glob/Grep/Bash, memory, permissions); the Windows rows define drive,
 * UNC and mixed-separator paths, which come out in Windows form.
 */
describe('core paths', () => {
  const normalize: [string, string][] = [
    ['/', '/'],
    ['/a/b', '/a/b'],
    ['/a/b/', '/a/b'],
    ['/a/./b//c', '/a/b/c'],
    ['/a/b/../c', '/a/c'],
    ['/a/../../../etc', '/etc'],
    ['//a/b', '/a/b'],
    ['/a\\b', '/a/b'],
    ['/.x/..y/.../z', '/.x/..y/.../z'],
    ['a/../b', 'b'],
    ['a/../../b', '../b'],
    ['./a/', 'a'],
    ['', '.'],
    ['C:\\a\\..\\b', 'C:\\b'],
    ['c:/x', 'C:\\x'],
    ['C:/repo/src\\..\\lib/', 'C:\\repo\\lib'],
    ['C:\\..\\..', 'C:\\'],
    ['C:\\', 'C:\\'],
    ['\\\\server\\share', '\\\\server\\share'],
    ['\\\\server\\share\\a\\..\\..\\b', '\\\\server\\share\\b'],
    ['\\\\server/share/x/', '\\\\server\\share\\x'],
    ['\\\\server', '\\\\server'],
  ];
  for (const [path, expected] of normalize) {
    it(`normalises ${JSON.stringify(path)} to ${JSON.stringify(expected)}`, () =>
      assert.equal(normalizePath(path), expected));
  }

  const absolute: [string, boolean, string][] = [
    ['/x', true, '/'],
    ['C:\\x', true, 'C:\\'],
    ['C:/x', true, 'C:\\'],
    ['\\\\server\\share\\x', true, '\\\\server\\share'],
    ['x', false, ''],
    ['\\x', false, ''],
    ['C:x', false, ''],
    ['~/x', false, ''],
  ];
  for (const [path, expected, root] of absolute) {
    it(`${expected ? 'takes' : 'does not take'} ${JSON.stringify(path)} as absolute`, () => {
      assert.equal(isAbsolutePath(path), expected);
      assert.equal(pathRoot(path), root);
    });
  }

  const resolve: [string, string, string][] = [
    ['/work', 'src', '/work/src'],
    ['/work/', './src/../lib/', '/work/lib'],
    ['/work', '/etc/passwd', '/etc/passwd'],
    ['/work', '../../..', '/'],
    ['/work', '.', '/work'],
    ['C:\\repo', 'src\\a.ts', 'C:\\repo\\src\\a.ts'],
    ['C:\\repo', 'src/a.ts', 'C:\\repo\\src\\a.ts'],
    ['C:\\repo', 'D:/x', 'D:\\x'],
    ['C:\\repo', '..\\..\\..', 'C:\\'],
    ['\\\\srv\\share\\repo', '..\\..\\x', '\\\\srv\\share\\x'],
  ];
  for (const [cwd, path, expected] of resolve) {
    it(`resolves ${JSON.stringify(path)} in ${JSON.stringify(cwd)} to ${JSON.stringify(expected)}`, () =>
      assert.equal(resolvePath(cwd, path), expected));
  }

  it('joins without restarting at an absolute segment, and expands only ~ and ~/', () => {
    assert.equal(joinPath('/home/u', '.claude', 'CLAUDE.md'), '/home/u/.claude/CLAUDE.md');
    assert.equal(joinPath('/a', '/b'), '/a/b');
    assert.equal(joinPath('C:\\Users\\u', '.claude'), 'C:\\Users\\u\\.claude');
    assert.equal(expandHome('~', '/home/u'), '/home/u');
    assert.equal(expandHome('~/x', '/home/u'), '/home/u/x');
    assert.equal(expandHome('~\\x', 'C:\\Users\\u'), 'C:\\Users\\u\\x');
    assert.equal(expandHome('~root/x', '/home/u'), '~root/x');
    assert.equal(expandHome('a/~/x', '/home/u'), 'a/~/x');
  });

  const parents: [string, string, string][] = [
    ['/a/b', '/a', 'b'],
    ['/a', '/', 'a'],
    ['/', '/', ''],
    ['a', '.', 'a'],
    ['C:\\a\\b.ts', 'C:\\a', 'b.ts'],
    ['C:/a', 'C:\\', 'a'],
    ['C:\\', 'C:\\', ''],
    ['\\\\srv\\share\\a', '\\\\srv\\share', 'a'],
    ['\\\\srv\\share', '\\\\srv\\share', ''],
  ];
  for (const [path, directory, name] of parents) {
    it(`splits ${JSON.stringify(path)} into ${JSON.stringify(directory)} and ${JSON.stringify(name)}`, () => {
      assert.equal(parentPath(path), directory);
      assert.deepEqual(splitPath(path), { directory, name });
    });
  }

  const inside: [string, string, boolean, boolean?][] = [
    ['/work', '/work', true],
    ['/work/src/a.ts', '/work', true],
    ['/work/src', '/work/', true],
    ['/workshop', '/work', false],
    ['/etc', '/work', false],
    ['/work/../etc', '/work', false],
    ['/anything', '/', true],
    ['/WORK/Project/a', '/work/project', false],
    ['/WORK/Project/a', '/work/project', true, true],
    ['C:\\repo\\a', 'c:/repo', true],
    ['C:\\repox', 'C:\\repo', false],
    ['D:\\repo', 'C:\\', false],
    ['C:\\x', '/', false],
    ['\\\\srv\\share\\a', '\\\\srv\\share', true],
    ['\\\\srv\\sharex\\a', '\\\\srv\\share', false],
  ];
  for (const [path, root, expected, caseInsensitive] of inside) {
    it(`says ${JSON.stringify(path)} is ${expected ? '' : 'not '}inside ${JSON.stringify(root)}${caseInsensitive ? ' (case-insensitive)' : ''}`, () =>
      assert.equal(isInsidePath(path, root, caseInsensitive), expected));
  }

  it('lists the folders between two paths, top first', () => {
    assert.deepEqual(foldersBetween('/r', '/r/a/b'), ['/r', '/r/a', '/r/a/b']);
    assert.deepEqual(foldersBetween('/r', '/rx/a'), []);
    assert.deepEqual(foldersBetween('C:\\r', 'c:/r/a'), ['C:\\r', 'C:\\r\\a']);
  });

  const posix: [string, string][] = [
    ['/a/b/../c', '/a/c'],
    ['C:\\Users\\dev\\a.txt', '/c/Users/dev/a.txt'],
    ['c:/Users/dev/', '/c/Users/dev'],
    ['C:\\', '/c'],
    ['\\\\server\\share\\x', '//server/share/x'],
  ];
  for (const [path, expected] of posix) {
    it(`writes ${JSON.stringify(path)} in rule form as ${JSON.stringify(expected)}`, () =>
      assert.equal(toPosixPath(path), expected));
  }

  for (const path of [
    '\\\\server\\share',
    '//server/share/x',
    '\\/server',
    '/\\server',
    '\\\\?\\UNC\\server\\x',
  ]) {
    it(`recognises the UNC path ${JSON.stringify(path)}`, () => assert.equal(isUncPath(path), true));
  }
  for (const path of ['/server/share', 'C:\\x', '\\x']) {
    it(`does not take ${JSON.stringify(path)} for UNC`, () => assert.equal(isUncPath(path), false));
  }
});
