import { strict as assert } from 'node:assert';
import { mergeSettings } from '../../../../src/core/settings/merge-settings';
import type { SettingsLevel } from '../../../../src/core/settings/merge-settings';
import { validateSettings } from '../../../../src/core/settings/parse-settings';

function level(source: SettingsLevel['source'], root: string, raw: unknown): SettingsLevel {
  return { source, root, settings: validateSettings(raw, source).settings };
}

describe('mergeSettings', () => {
  const levels = [
    level('user', '/home/u/.claude', {
      model: 'user-model',
      permissions: { allow: ['Read', 'Bash(git status)'], defaultMode: 'plan' },
      env: { A: 'user', B: 'user' },
    }),
    level('project', '/repo', {
      model: 'project-model',
      permissions: { allow: ['Bash(npm test:*)'], deny: ['Read(./.env)'] },
    }),
    level('local', '/repo', {
      permissions: { allow: ['Bash(npm test:*)'], ask: ['Bash(git push:*)'] },
      env: { B: 'local' },
    }),
    level('managed', '/etc/claude-code', { permissions: { deny: ['WebFetch'], defaultMode: 'default' } }),
    level('cli', '/repo/pkg', { model: 'cli-model' }),
  ];

  it('takes each scalar from the highest level that sets it', () => {
    const merged = mergeSettings(levels);
    assert.equal(merged.model, 'cli-model');
    assert.equal(merged.permissions.defaultMode, 'default');
    assert.deepEqual(merged.env, { A: 'user', B: 'local' });
  });

  it('merges rule lists across levels, highest first, each rule with its source and root', () => {
    const merged = mergeSettings(levels);
    assert.deepEqual(merged.permissions.deny, [
      { text: 'WebFetch', source: 'managed', root: '/etc/claude-code' },
      { text: 'Read(./.env)', source: 'project', root: '/repo' },
    ]);
    assert.deepEqual(
      merged.permissions.allow.map((rule) => `${rule.source}:${rule.text}`),
      ['local:Bash(npm test:*)', 'user:Read', 'user:Bash(git status)'],
    );
    assert.deepEqual(merged.permissions.ask, [{ text: 'Bash(git push:*)', source: 'local', root: '/repo' }]);
  });

  it('keeps the same rule twice when it comes from folders with different roots', () => {
    const merged = mergeSettings([
      level('project', '/repo', { permissions: { allow: ['Edit(/src/**)'] } }),
      level('user', '/home/u/.claude', { permissions: { allow: ['Edit(/src/**)'] } }),
    ]);
    assert.equal(merged.permissions.allow.length, 2);
  });

  it('adds editor settings below the user file', () => {
    const merged = mergeSettings([
      level('vscode', '/repo', { model: 'editor-model', permissions: { additionalDirectories: ['../lib'] } }),
      level('user', '/home/u/.claude', { model: 'user-model' }),
    ]);
    assert.equal(merged.model, 'user-model');
    assert.deepEqual(merged.permissions.additionalDirectories, [
      { text: '../lib', source: 'vscode', root: '/repo' },
    ]);
  });

  it('concatenates hooks of every level and runs an identical handler once', () => {
    const check = { type: 'command', command: './check.sh' };
    const merged = mergeSettings([
      level('user', '/home/u/.claude', { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [check] }] } }),
      level('project', '/repo', {
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [check, { type: 'command', command: './lint.sh' }] }],
        },
      }),
    ]);
    assert.deepEqual(merged.hooks['PreToolUse'], [
      { matcher: 'Bash', hooks: [check, { type: 'command', command: './lint.sh' }] },
    ]);
  });

  it('drops every hook when the winning level sets disableAllHooks', () => {
    const merged = mergeSettings([
      level('project', '/repo', { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x' }] }] } }),
      level('local', '/repo', { disableAllHooks: true }),
    ]);
    assert.deepEqual(merged.hooks, {});
  });

  it('keeps unknown keys from the highest level that has them', () => {
    const merged = mergeSettings([
      level('user', '/u', { outputStyle: 'Explanatory', cleanupPeriodDays: 30 }),
      level('project', '/repo', { outputStyle: 'Concise' }),
    ]);
    assert.deepEqual(merged.other, { outputStyle: 'Concise', cleanupPeriodDays: 30 });
  });

  it('gives empty lists and no scalars when nothing is configured', () => {
    assert.deepEqual(mergeSettings([]), {
      permissions: { allow: [], ask: [], deny: [], additionalDirectories: [] },
      hooks: {},
      env: {},
      other: {},
    });
  });
});
