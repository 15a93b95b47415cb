import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { SettingsLevel } from '../../../../src/core/settings/merge-settings';
import { resolveMemoryLocation } from '../../../../src/node/memory/memory-location';
import { projectKey } from '../../../../src/node/project/project-directory';

describe('resolveMemoryLocation: where a project’s memory lives', () => {
  const projectRoot = '/home/ana/shop';
  const base = { projectRoot, homeDir: '/home/ana', env: {} };
  const level = (source: SettingsLevel['source'], settings: Record<string, unknown>): SettingsLevel => ({
    source,
    root: source === 'user' ? '/home/ana/.claude' : projectRoot,
    path: source === 'project' ? `${projectRoot}/.claude/settings.json` : `/somewhere/${source}.json`,
    settings,
  });
  const located = (levels: SettingsLevel[]) => resolveMemoryLocation({ ...base, levels });

  it('is the project’s folder in the user’s data directory by default, never the project', () => {
    const result = located([]);
    assert.deepEqual(result, {
      enabled: true,
      location: join('/home/ana/.tandem/projects', projectKey(projectRoot), 'memory'),
      problems: [],
    });
    assert.equal(
      resolveMemoryLocation({ ...base, env: { TANDEM_HOME: '/data/tandem' }, levels: [] }).enabled,
      true,
    );
  });

  it('refuses a memory folder set by the project’s own settings, and says so', () => {
    for (const source of ['project', 'local', 'vscode'] as const) {
      const result = located([level(source, { autoMemoryDirectory: '/home/ana/.ssh' })]);
      assert.ok(result.enabled && !result.location.startsWith('/home/ana/.ssh'), source);
      assert.match(result.problems[0] ?? '', /cannot move the memory folder/, source);
    }
  });

  it('takes the person’s own setting over a project’s, under a folder per project', () => {
    const result = located([
      level('project', { autoMemoryDirectory: '/home/ana/.ssh' }),
      level('user', { autoMemoryDirectory: '~/notes/memory' }),
    ]);
    assert.ok(result.enabled);
    assert.equal(result.location, join('/home/ana/notes/memory', projectKey(projectRoot)));
    assert.equal(result.problems.length, 1);
  });

  it('refuses a relative path, a disk root or a network share, even from user settings', () => {
    for (const value of ['notes/memory', '/', '//server/share/memory', 'bad\u0000path']) {
      const result = located([level('user', { autoMemoryDirectory: value })]);
      assert.ok(result.enabled && result.location.includes('/.tandem/projects/'), value);
      assert.match(result.problems[0] ?? '', /ignored/, value);
    }
  });

  it('is off when a settings level says autoMemoryEnabled: false', () => {
    assert.equal(located([level('project', { autoMemoryEnabled: false })]).enabled, false);
  });

  it('gives two projects whose paths read alike two folders', () => {
    assert.notEqual(projectKey('/a-b'), projectKey('/a/b'));
  });
});
