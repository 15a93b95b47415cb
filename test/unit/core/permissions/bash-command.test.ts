import { strict as assert } from 'node:assert';
import {
  bashMatcherMatches,
  canonicalArgv,
  escalationForms,
  isDangerousEnvAssignment,
  suggestBashRule,
} from '../../../../src/core/permissions/bash-command';
import { parsePermissionRule } from '../../../../src/core/permissions/permission-rule';

function matcher(text: string) {
  const parsed = parsePermissionRule(text, { source: 'user' });
  assert.ok(parsed.ok);
  return parsed.rule.matcher;
}

describe('Bash rule matching on argv words', () => {
  const cases: [string, string[], boolean][] = [
    ['Bash(git status:*)', ['git', 'status'], true],
    ['Bash(git status:*)', ['git', 'status', '--short'], true],
    ['Bash(git status:*)', ['git', 'statusx'], false],
    ['Bash(git status:*)', ['git'], false],
    ['Bash(git status:*)', ['git', 'status;', 'rm'], false],
    ['Bash(npm run test:*)', ['npm', 'run', 'test:unit'], false],
    ['Bash(npm run test:*)', ['npm', 'run', 'test', '--', '--watch'], true],
    ['Bash(ls *)', ['ls'], true],
    ['Bash(ls *)', ['ls', '-la'], true],
    ['Bash(ls *)', ['lsof'], false],
    ['Bash(git * main)', ['git', 'push', 'origin', 'main'], true],
    ['Bash(git * main)', ['git', 'push', 'origin', 'mainx'], false],
    ['Bash(git diff *)', ['git', 'diff --output=/etc/x'], false],
    ['Bash(npm test)', ['npm', 'test'], true],
    ['Bash(npm test)', ['npm', 'test', 'x'], false],
    ['Bash(echo a.b)', ['echo', 'axb'], false],
    ['Bash', ['anything'], true],
  ];
  for (const [rule, argv, expected] of cases) {
    it(`${rule} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(argv)}`, () => {
      assert.equal(bashMatcherMatches(matcher(rule), argv), expected);
    });
  }
});

describe('canonicalArgv strips harmless wrappers only', () => {
  const cases: [string[], string[]][] = [
    [
      ['timeout', '5', 'npm', 'test'],
      ['npm', 'test'],
    ],
    [
      ['timeout', '-s', 'KILL', '5s', 'git', 'status'],
      ['git', 'status'],
    ],
    [['nice', '-n', '10', 'make'], ['make']],
    [['nohup', 'time', 'make'], ['make']],
    [
      ['command', 'git', 'status'],
      ['git', 'status'],
    ],
    [
      ['command', '-v', 'git'],
      ['command', '-v', 'git'],
    ],
    [
      ['xargs', 'grep', 'x'],
      ['xargs', 'grep', 'x'],
    ],
    [
      ['xargs', '-I{}', 'rm', '{}'],
      ['xargs', '-I{}', 'rm', '{}'],
    ],
    [
      ['env', 'rm'],
      ['env', 'rm'],
    ],
    [
      ['sudo', 'ls'],
      ['sudo', 'ls'],
    ],
  ];
  for (const [argv, expected] of cases) {
    it(`${argv.join(' ')} → ${expected.join(' ')}`, () => assert.deepEqual(canonicalArgv(argv), expected));
  }

  it('tries deny rules on the command behind env, sudo, exec, xargs and a folder path', () => {
    const forms = (argv: string[]) => escalationForms(argv).map((form) => form.join(' '));
    assert.ok(forms(['env', '-i', 'A=1', 'rm', 'x']).includes('rm x'));
    assert.ok(forms(['sudo', '-u', 'root', 'rm', 'x']).includes('rm x'));
    assert.ok(forms(['xargs', '-n', '1', 'rm']).includes('rm'));
    assert.ok(forms(['/bin/rm', 'x']).includes('rm x'));
    assert.ok(forms(['exec', 'rm', 'x']).includes('rm x'));
  });
});

describe('environment assignments', () => {
  for (const name of [
    'PATH',
    'LD_PRELOAD',
    'DYLD_INSERT_LIBRARIES',
    'GIT_SSH_COMMAND',
    'BASH_ENV',
    'PROMPT_COMMAND',
    'IFS',
    'NODE_OPTIONS',
    'PATH+',
  ]) {
    it(`treats ${name}= as dangerous`, () =>
      assert.equal(isDangerousEnvAssignment({ name, value: 'x' }), true));
  }
  for (const name of ['FOO', 'NODE_ENV', 'CI', 'DEBUG']) {
    it(`strips ${name}= as harmless`, () =>
      assert.equal(isDangerousEnvAssignment({ name, value: 'x' }), false));
  }
});

describe('suggestBashRule', () => {
  it('offers the command and its sub-command as a prefix rule', () => {
    assert.equal(suggestBashRule(['npm', 'run', 'build']), 'Bash(npm run:*)');
    assert.equal(suggestBashRule(['make', '-j4']), 'Bash(make:*)');
    assert.equal(suggestBashRule(['$(x)']), undefined);
  });
});
