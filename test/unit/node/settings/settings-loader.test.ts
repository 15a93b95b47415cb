import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../../src/node/settings/settings-loader';
import type { LoadedSettings } from '../../../../src/node/settings/settings-loader';
import { managedSettingsPath } from '../../../../src/node/settings/settings-paths';
import { SettingsWatcher } from '../../../../src/node/settings/settings-watcher';

describe('loadSettings', () => {
  let base: string;
  let home: string;
  let project: string;
  let managed: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'tandem-settings-'));
    home = join(base, 'home');
    project = join(base, 'repo');
    managed = join(base, 'etc', 'managed-settings.json');
    await mkdir(join(home, '.claude'), { recursive: true });
    await mkdir(join(project, '.claude'), { recursive: true });
    await mkdir(join(base, 'etc'), { recursive: true });
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const write = (path: string, value: unknown) =>
    writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));

  it('applies managed > cli > local > project > user, and merges the rule lists', async () => {
    await write(join(home, '.claude', 'settings.json'), { model: 'user', permissions: { allow: ['Read'] } });
    await write(join(project, '.claude', 'settings.json'), {
      model: 'project',
      permissions: { allow: ['Bash(ls)'] },
    });
    await write(join(project, '.claude', 'settings.local.json'), {
      model: 'local',
      permissions: { deny: ['Bash(rm:*)'] },
    });
    await write(managed, { permissions: { deny: ['WebFetch'], defaultMode: 'default' } });
    const options = { projectRoot: project, homeDir: home, managedPath: managed };

    const loaded = await loadSettings(options);
    assert.equal(loaded.merged.model, 'local');
    assert.equal(loaded.merged.permissions.defaultMode, 'default');
    assert.deepEqual(
      loaded.merged.permissions.allow.map((rule) => [rule.text, rule.source, rule.root]),
      [
        ['Bash(ls)', 'project', project],
        ['Read', 'user', join(home, '.claude')],
      ],
    );
    assert.deepEqual(
      loaded.merged.permissions.deny.map((rule) => `${rule.source}:${rule.text}`),
      ['managed:WebFetch', 'local:Bash(rm:*)'],
    );
    assert.equal((await loadSettings({ ...options, cli: { model: 'flag' } })).merged.model, 'flag');
  });

  it('reports a broken file with its path and field and still loads the rest', async () => {
    const projectFile = join(project, '.claude', 'settings.json');
    await write(projectFile, { permissions: { allow: ['Bash(ls)', 7], defaultMode: 'plan' } });
    await write(join(project, '.claude', 'settings.local.json'), '{ not json');
    await write(join(home, '.claude', 'settings.json'), { model: 'user-model' });

    const loaded = await loadSettings({ projectRoot: project, homeDir: home, managedPath: managed });
    assert.deepEqual(
      loaded.problems.map((problem) => [problem.path, problem.field]),
      [
        [join(project, '.claude', 'settings.local.json'), ''],
        [projectFile, 'permissions.allow[1]'],
      ],
    );
    assert.equal(loaded.merged.model, 'user-model');
    assert.equal(loaded.merged.permissions.defaultMode, 'plan');
    assert.deepEqual(
      loaded.merged.permissions.allow.map((rule) => rule.text),
      ['Bash(ls)'],
    );
  });

  it('reports a permission rule that does not parse by file, list and index, and drops only it', async () => {
    const projectFile = join(project, '.claude', 'settings.json');
    await write(projectFile, { permissions: { deny: ['Read(./.env)', 'Read(**/*.{csv,tsv)'] } });
    const loaded = await loadSettings({ projectRoot: project, homeDir: home, managedPath: managed });
    assert.deepEqual(
      loaded.problems.map((problem) => [problem.path, problem.field]),
      [[projectFile, 'permissions.deny[1]']],
    );
    assert.match(loaded.problems[0]?.message ?? '', /Invalid permission rule "Read\(\*\*\/\*\.\{csv,tsv\)"/);
    assert.deepEqual(
      loaded.merged.permissions.deny.map((rule) => rule.text),
      ['Read(./.env)'],
    );
  });

  it('loads nothing and reports nothing when no settings file exists', async () => {
    const loaded = await loadSettings({ projectRoot: project, homeDir: home, managedPath: managed });
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.levels, []);
  });

  it('reports invalid editor settings under their own name', async () => {
    const loaded = await loadSettings({
      projectRoot: project,
      homeDir: home,
      managedPath: managed,
      vscode: { permissions: { allow: [true] } },
    });
    assert.deepEqual(
      loaded.problems.map((problem) => `${problem.path} ${problem.field}`),
      ['editor settings permissions.allow[0]'],
    );
  });

  it('knows where the managed policy lives on each platform', () => {
    assert.equal(managedSettingsPath('linux'), '/etc/claude-code/managed-settings.json');
    assert.equal(
      managedSettingsPath('darwin'),
      '/Library/Application Support/ClaudeCode/managed-settings.json',
    );
    assert.equal(managedSettingsPath('win32'), 'C:\\Program Files\\ClaudeCode\\managed-settings.json');
  });

  describe('SettingsWatcher', () => {
    let watcher: SettingsWatcher | undefined;
    afterEach(() => watcher?.dispose());

    function nextChange(target: SettingsWatcher): Promise<LoadedSettings> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change event within 5 s')), 5_000);
        const stop = target.onDidChange((settings) => {
          clearTimeout(timer);
          stop();
          resolve(settings);
        });
      });
    }

    it('notices an edited project file and reports the new settings', async () => {
      const file = join(project, '.claude', 'settings.json');
      await write(file, { model: 'before' });
      watcher = await SettingsWatcher.start({
        projectRoot: project,
        homeDir: home,
        managedPath: managed,
        debounceMs: 30,
      });
      assert.equal(watcher.current.merged.model, 'before');
      const changed = nextChange(watcher);
      await write(file, { model: 'after' });
      assert.equal((await changed).merged.model, 'after');
      assert.equal(watcher.current.merged.model, 'after');
    });

    it('notices a local settings file created after it started', async () => {
      watcher = await SettingsWatcher.start({
        projectRoot: project,
        homeDir: home,
        managedPath: managed,
        debounceMs: 30,
      });
      const changed = nextChange(watcher);
      await write(join(project, '.claude', 'settings.local.json'), { permissions: { deny: ['Bash'] } });
      assert.deepEqual(
        (await changed).merged.permissions.deny.map((rule) => rule.text),
        ['Bash'],
      );
    });

    it('stops calling listeners once disposed', async () => {
      const file = join(project, '.claude', 'settings.json');
      watcher = await SettingsWatcher.start({
        projectRoot: project,
        homeDir: home,
        managedPath: managed,
        debounceMs: 10,
      });
      let calls = 0;
      watcher.onDidChange(() => calls++);
      watcher.dispose();
      await write(file, { model: 'x' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(calls, 0);
    });
  });
});
