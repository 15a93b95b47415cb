import { strict as assert } from 'node:assert';
import type { RuleMatcher } from '../../../../src/core/permissions/permission-rule';
import { buildRuleSet, parsePermissionRule } from '../../../../src/core/permissions/permission-rule';
import type { RuleSubject } from '../../../../src/core/permissions/rule-subject';
import { matcherFor, ruleGoverns } from '../../../../src/core/permissions/rule-subject';

const source = { source: 'project' as const, root: '/work/project' };

describe('parsePermissionRule', () => {
  const valid: [string, string, RuleMatcher][] = [
    ['Bash', 'Bash', { kind: 'tool' }],
    ['Bash(*)', 'Bash', { kind: 'tool' }],
    ['Bash(npm run test:*)', 'Bash', { kind: 'bash-prefix', words: ['npm', 'run', 'test'] }],
    ['Bash(git diff *)', 'Bash', { kind: 'bash-pattern', pattern: 'git diff *' }],
    ['Bash(git  * main)', 'Bash', { kind: 'bash-pattern', pattern: 'git * main' }],
    ['Bash(npm test)', 'Bash', { kind: 'bash-pattern', pattern: 'npm test' }],
    ['Read(./.env)', 'Read', { kind: 'path', pattern: './.env' }],
    ['Edit(src/**)', 'Edit', { kind: 'path', pattern: 'src/**' }],
    ['Read(**/*.{csv,tsv})', 'Read', { kind: 'path', pattern: '**/*.{csv,tsv}' }],
    ['Write(//abs/path)', 'Write', { kind: 'specifier', specifier: '//abs/path' }],
    ['Read(~/x)', 'Read', { kind: 'path', pattern: '~/x' }],
    ['Edit(/rel/to/settings)', 'Edit', { kind: 'path', pattern: '/rel/to/settings' }],
    ['WebFetch(domain:x.com)', 'WebFetch', { kind: 'domain', domain: 'x.com' }],
    ['WebFetch(domain:*.Example.com)', 'WebFetch', { kind: 'domain', domain: '*.example.com' }],
    ['mcp__github', 'mcp__github', { kind: 'tool' }],
    ['mcp__github__get_issue', 'mcp__github__get_issue', { kind: 'tool' }],
    ['mcp__github__*', 'mcp__github__*', { kind: 'tool' }],
    ['Task(Explore)', 'Task', { kind: 'specifier', specifier: 'Explore' }],
    ['  Bash(ls:*)  ', 'Bash', { kind: 'bash-prefix', words: ['ls'] }],
  ];
  for (const [text, toolName, matcher] of valid) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const parsed = parsePermissionRule(text, source);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.equal(parsed.rule.toolName, toolName);
      assert.deepEqual(parsed.rule.matcher, matcher);
      assert.deepEqual(parsed.rule.source, source);
    });
  }

  const invalid = [
    '',
    'Bash(',
    'Bash()',
    'Bash(ls',
    '(ls)',
    'Ba sh',
    'Bash(:*)',
    'Bash(git:* status)',
    'WebFetch(x.com)',
    'WebFetch(domain:)',
    'mcp__a b',
    'Edit(a)x',
    '*',
    'Read(**/*.{csv,tsv)',
    'Edit(src/[ab.ts)',
    'Write(src/{a,b)',
  ];
  for (const text of invalid) {
    it(`returns an error naming ${JSON.stringify(text)} instead of throwing`, () => {
      const parsed = parsePermissionRule(text, source);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.ok(parsed.error.includes(`"${text}"`), parsed.error);
    });
  }

  it('keeps valid rules and lists the invalid ones when building a rule set', () => {
    const { rules, errors } = buildRuleSet([
      { behavior: 'allow', rules: ['Bash(ls:*)', 'Bash('], source },
      { behavior: 'deny', rules: ['Read(./.env)'], source },
    ]);
    assert.equal(rules.allow.length, 1);
    assert.equal(rules.deny.length, 1);
    assert.equal(errors.length, 1);
  });
});

describe('ruleGoverns: rules apply to tools by their permission kind', () => {
  const rule = (text: string) => {
    const parsed = parsePermissionRule(text, source);
    assert.ok(parsed.ok);
    return parsed.rule;
  };
  const tool = (name: string, permissionKind: RuleSubject['permissionKind']): RuleSubject => ({
    name,
    permissionKind,
  });
  const cases: [string, RuleSubject, 'allow' | 'deny', boolean][] = [
    ['Edit(src/**)', tool('Write', 'edit'), 'allow', true],
    ['Edit(src/**)', tool('MultiEdit', 'edit'), 'allow', true],
    ['Edit(src/**)', tool('ApplyPatch', 'edit'), 'allow', true],
    ['Edit(src/**)', tool('NotebookEdit', 'edit'), 'allow', true],
    ['Edit(src/**)', tool('mcp__fs__write_file', 'edit'), 'allow', true],
    ['Edit(src/**)', tool('Read', 'read'), 'allow', true],
    ['Edit(src/**)', tool('Read', 'read'), 'deny', false],
    ['Edit(src/**)', tool('TodoWrite', 'other'), 'allow', false],
    ['Read(./.env)', tool('Grep', 'read'), 'deny', true],
    ['Read(./.env)', tool('Glob', 'read'), 'deny', true],
    ['Read(./.env)', tool('mcp__fs__read_file', 'read'), 'deny', true],
    ['Read(./.env)', tool('Edit', 'edit'), 'deny', true],
    ['Read(./.env)', tool('Edit', 'edit'), 'allow', false],
    ['Bash(git:*)', tool('mcp__shell__run', 'execute'), 'allow', true],
    ['Bash(git:*)', tool('Read', 'read'), 'allow', false],
    ['WebFetch(domain:x.com)', tool('mcp__web__get', 'fetch'), 'allow', true],
    ['WebFetch(domain:x.com)', tool('Bash', 'execute'), 'allow', false],
    ['Write(src/**)', tool('Write', 'edit'), 'allow', true],
    ['Write(src/**)', tool('Edit', 'edit'), 'allow', false],
    ['Task(Explore)', tool('Agent', 'other'), 'allow', true],
    ['mcp__github', tool('mcp__github__get_issue', 'other'), 'allow', true],
    ['mcp__github', tool('mcp__githubx__get_issue', 'other'), 'allow', false],
    ['mcp__github__*', tool('mcp__github__create_pr', 'other'), 'allow', true],
    ['mcp__github__get_issue', tool('mcp__github__create_pr', 'other'), 'allow', false],
    ['mcp__*', tool('mcp__github__create_pr', 'other'), 'deny', true],
    ['mcp__*', tool('mcp__github__create_pr', 'other'), 'allow', false],
    ['Bash', tool('Read', 'read'), 'deny', false],
  ];
  for (const [text, subject, behavior, expected] of cases) {
    it(`${expected ? 'applies' : 'does not apply'} ${text} to ${subject.name} (${subject.permissionKind}) as ${behavior}`, () => {
      assert.equal(ruleGoverns(rule(text), subject, behavior), expected);
    });
  }

  it('reads the specifier of a rule naming one tool in the syntax of that tool’s kind', () => {
    assert.deepEqual(matcherFor(rule('Write(src/**)'), 'edit'), { kind: 'path', pattern: 'src/**' });
    assert.deepEqual(matcherFor(rule('mcp__sh__run(git status:*)'), 'execute'), {
      kind: 'bash-prefix',
      words: ['git', 'status'],
    });
    assert.deepEqual(matcherFor(rule('mcp__web__get(domain:x.com)'), 'fetch'), {
      kind: 'domain',
      domain: 'x.com',
    });
    assert.deepEqual(matcherFor(rule('Task(Explore)'), 'other'), { kind: 'target', pattern: 'Explore' });
    assert.equal(matcherFor(rule('mcp__web__get(x.com)'), 'fetch'), undefined);
  });
});
