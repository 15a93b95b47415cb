import { strict as assert } from 'node:assert';
import {
  anchorPathPattern,
  compilePathGlob,
  matchesPathGlob,
  pathPatternError,
} from '../../../../src/core/permissions/path-pattern';
import { isSecretPath } from '../../../../src/core/permissions/sensitive-paths';

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
    { pattern: '**/*.{csv,tsv}', path: '/work/project/data/x.csv', matches: true, broad: true },
    { pattern: '**/*.{csv,tsv}', path: '/work/project/x.tsv', matches: true, broad: true },
    { pattern: '**/*.{csv,tsv}', path: '/work/project/.cache/x.tsv', matches: true, broad: true },
    { pattern: '**/*.{csv,tsv}', path: '/work/project/x.json', matches: false, broad: true },
    { pattern: './{src,lib}/**', path: '/work/project/lib/a.ts', matches: true },
    { pattern: './{src,lib}/**', path: '/work/project/test/a.ts', matches: false },
    { pattern: './a{1..3}.txt', path: '/work/project/a2.txt', matches: true },
    { pattern: 'app/(group)/**', path: '/work/project/app/(group)/page.tsx', matches: true },
    { pattern: 'app/(group)/**', path: '/work/project/app/group/page.tsx', matches: false },
    { pattern: 'src/[!a].ts', path: '/work/project/src/b.ts', matches: true },
    { pattern: 'src/[!a].ts', path: '/work/project/src/a.ts', matches: false },
    { pattern: './a|b', path: '/work/project/a|b', matches: true },
    { pattern: './a|b', path: 'b', matches: false },
    { pattern: './x|*', path: '/work/project/y', matches: false },
    { pattern: './src\\*.ts', path: '/work/project/src/a.ts', matches: true },
  ];
  for (const { pattern, path, matches, broad = false, root } of cases) {
    it(`${pattern}${broad ? ' (deny/ask)' : ''} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      const glob = anchorPathPattern(pattern, { ...anchors, root: root ?? anchors.root }, broad);
      const regex = compilePathGlob(glob, false);
      assert.ok(regex, glob);
      assert.equal(matchesPathGlob(regex, path, broad), matches, glob);
    });
  }

  it('takes the folder it anchors to literally, glob characters and all', () => {
    const odd = { cwd: '/work/my[project] (v2){x}', home: '/h', root: '/r' };
    const regex = compilePathGlob(anchorPathPattern('./*.ts', odd, false), false);
    assert.equal(regex?.test('/work/my[project] (v2){x}/a.ts'), true);
    assert.equal(regex?.test('/work/myp (v2)x/a.ts'), false);
  });

  it('compares case-insensitively when the volume is', () => {
    assert.equal(compilePathGlob('/Work/*.TS', true)?.test('/work/a.ts'), true);
    assert.equal(compilePathGlob('/Work/*.TS', false)?.test('/work/a.ts'), false);
  });

  const broken: [string, boolean][] = [
    ['**/*.{csv,tsv', true],
    ['src/[ab.ts', true],
    ['a]b', true],
    ['a\0b', true],
    ['**/*.{csv,tsv}', false],
    ['src/[ab].ts', false],
    ['app/(group)/**', false],
  ];
  for (const [pattern, isBroken] of broken) {
    it(`${isBroken ? 'reports' : 'accepts'} the path pattern ${JSON.stringify(pattern)}`, () =>
      assert.equal(pathPatternError(pattern) !== undefined, isBroken));
  }
});

describe('secret paths', () => {
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
});
