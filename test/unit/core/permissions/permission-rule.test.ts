import { strict as assert } from 'node:assert';
import type { RuleMatcher } from '../../../../src/core/permissions/permission-rule';
import {
  buildRuleSet,
  parsePermissionRule,
  ruleNamesTool,
} from '../../../../src/core/permissions/permission-rule';

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
    ['Write(//abs/path)', 'Write', { kind: 'path', pattern: '//abs/path' }],
    ['Read(~/x)', 'Read', { kind: 'path', pattern: '~/x' }],
    ['Edit(/rel/to/settings)', 'Edit', { kind: 'path', pattern: '/rel/to/settings' }],
    ['WebFetch(domain:x.com)', 'WebFetch', { kind: 'domain', domain: 'x.com' }],
    ['WebFetch(domain:*.Example.com)', 'WebFetch', { kind: 'domain', domain: '*.example.com' }],
    ['mcp__github', 'mcp__github', { kind: 'tool' }],
    ['mcp__github__get_issue', 'mcp__github__get_issue', { kind: 'tool' }],
    ['mcp__github__*', 'mcp__github__*', { kind: 'tool' }],
    ['Task(Explore)', 'Task', { kind: 'target', pattern: 'Explore' }],
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

describe('ruleNamesTool', () => {
  const rule = (text: string) => {
    const parsed = parsePermissionRule(text, source);
    assert.ok(parsed.ok);
    return parsed.rule;
  };
  const cases: [string, string, 'allow' | 'deny', boolean][] = [
    ['Edit(src/**)', 'Write', 'allow', true],
    ['Edit(src/**)', 'MultiEdit', 'allow', true],
    ['Edit(src/**)', 'ApplyPatch', 'allow', true],
    ['Edit(src/**)', 'NotebookEdit', 'allow', true],
    ['Edit(src/**)', 'Read', 'allow', true],
    ['Edit(src/**)', 'Read', 'deny', false],
    ['Read(./.env)', 'Grep', 'deny', true],
    ['Read(./.env)', 'Glob', 'deny', true],
    ['Read(./.env)', 'Edit', 'deny', true],
    ['Read(./.env)', 'Edit', 'allow', false],
    ['mcp__github', 'mcp__github__get_issue', 'allow', true],
    ['mcp__github', 'mcp__githubx__get_issue', 'allow', false],
    ['mcp__github__*', 'mcp__github__create_pr', 'allow', true],
    ['mcp__github__get_issue', 'mcp__github__create_pr', 'allow', false],
    ['mcp__*', 'mcp__github__create_pr', 'deny', true],
    ['mcp__*', 'mcp__github__create_pr', 'allow', false],
    ['Bash', 'Read', 'deny', false],
  ];
  for (const [text, toolName, behavior, expected] of cases) {
    it(`${expected ? 'applies' : 'does not apply'} ${text} to ${toolName} as ${behavior}`, () => {
      assert.equal(ruleNamesTool(rule(text), toolName, behavior), expected);
    });
  }
});
