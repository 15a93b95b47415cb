import { strict as assert } from 'node:assert';
import {
  isInside,
  isSecretPath,
  isUncPath,
  normalizePath,
  resolvePath,
} from '../../../../src/core/permissions/path-checks';
import {
  anchorPathPattern,
  globToRegExp,
  matchesPathGlob,
} from '../../../../src/core/permissions/path-pattern';

const anchors = { cwd: '/work/project', home: '/home/dev', root: '/work/project' };

describe('rule path patterns (gitignore-style)', () => {
  const cases: { pattern: string; path: string; matches: boolean; broad?: boolean; root?: string }[] = [
    { pattern: './.env', path: '/work/project/.env', matches: true },
    { pattern: './.env', path: '/work/project/sub/.env', matches: false },
    { pattern: '.env', path: '/work/project/sub/.env', matches: true },
    { pattern: '*.pem', path: '/work/project/a/b/c.pem', matches: true },
    { pattern: 'src/**', path: '/work/project/src/a/b.ts', matches: true },
    { pattern: 'src/**', path: '/work/project/lib/src/b.ts', matches: false },
    { pattern: 'src/**', path: '/work/project/lib/src/b.ts', matches: true, broad: true },
    { pattern: 'src/*.ts', path: '/work/project/src/a.ts', matches: true },
    { pattern: 'src/*.ts', path: '/work/project/src/x/a.ts', matches: false },
    { pattern: 'src/?.ts', path: '/work/project/src/a.ts', matches: true },
    { pattern: 'src/[ab].ts', path: '/work/project/src/c.ts', matches: false },
    { pattern: '//etc/hosts', path: '/etc/hosts', matches: true },
    { pattern: '//etc/**', path: '/etc/ssh/sshd_config', matches: true },
    { pattern: '~/notes/**', path: '/home/dev/notes/a.md', matches: true },
    { pattern: '~/notes/**', path: '/home/other/notes/a.md', matches: false },
    { pattern: '/docs/**', path: '/config/root/docs/a.md', matches: true, root: '/config/root' },
    { pattern: '/docs/**', path: '/work/project/docs/a.md', matches: false, root: '/config/root' },
    { pattern: 'secrets/', path: '/work/project/secrets/db.txt', matches: true },
    { pattern: './build', path: '/work/project/build/out.js', matches: true, broad: true },
    { pattern: './build', path: '/work/project/build/out.js', matches: false },
    { pattern: './a/../b/**', path: '/work/project/b/x', matches: true },
    { pattern: 'src/a+b(1).ts', path: '/work/project/src/a+b(1).ts', matches: true },
  ];
  for (const { pattern, path, matches, broad = false, root } of cases) {
    it(`${pattern}${broad ? ' (deny/ask)' : ''} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      const glob = anchorPathPattern(pattern, { ...anchors, root: root ?? anchors.root }, broad);
      assert.equal(matchesPathGlob(globToRegExp(glob), path, broad), matches, glob);
    });
  }

  it('compares case-insensitively when the volume is', () => {
    assert.equal(globToRegExp('/Work/*.TS', true).test('/work/a.ts'), true);
    assert.equal(globToRegExp('/Work/*.TS', false).test('/work/a.ts'), false);
  });
});

describe('path helpers', () => {
  it('resolves .., ~ and relative paths and never climbs above /', () => {
    assert.equal(normalizePath('/a/b/../../../etc'), '/etc');
    assert.equal(resolvePath('~/x', { cwd: '/w', home: '/home/dev' }), '/home/dev/x');
    assert.equal(resolvePath('../x', { cwd: '/w/p', home: '/h' }), '/w/x');
    assert.equal(resolvePath('C:\\Users\\dev\\a.txt', { cwd: '/w', home: '/h' }), '/c/Users/dev/a.txt');
  });

  it('tells inside from a sibling that shares the prefix', () => {
    assert.equal(isInside('/work/project/a', '/work/project'), true);
    assert.equal(isInside('/work/projectx/a', '/work/project'), false);
    assert.equal(isInside('/WORK/Project/a', '/work/project', true), true);
  });

  const secrets = [
    '/p/.env',
    '/p/.env.production',
    '/p/k/server.pem',
    '/p/k/tls.key',
    '/home/u/.ssh/config',
    '/home/u/.ssh/id_rsa',
    '/p/id_ed25519.pub',
    '/home/u/.aws/credentials',
    '/home/u/.gnupg/pubring.kbx',
    '/home/u/.netrc',
    '/p/.npmrc',
    '/home/u/.docker/config.json',
    '/home/u/.git-credentials',
  ];
  for (const path of secrets) it(`treats ${path} as a secret`, () => assert.equal(isSecretPath(path), true));
  for (const path of [
    '/p/src/env.ts',
    '/p/README.md',
    '/p/.envrc.md',
    '/p/keys.ts',
    '/p/docker/config.json',
  ]) {
    it(`does not treat ${path} as a secret`, () => assert.equal(isSecretPath(path), false));
  }

  for (const path of ['\\\\server\\share', '//server/share/x', '\\\\?\\UNC\\server\\x']) {
    it(`recognises the UNC path ${path}`, () => assert.equal(isUncPath(path), true));
  }
  it('does not take a plain absolute path for UNC', () => assert.equal(isUncPath('/server/share'), false));
});
