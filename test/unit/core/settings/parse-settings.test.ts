import { strict as assert } from 'node:assert';
import { parseSettings, validateSettings } from '../../../../src/core/settings/parse-settings';

const file = '/repo/.claude/settings.json';

describe('parseSettings', () => {
  it('loads a valid Claude Code file and keeps keys it does not know', () => {
    const text = JSON.stringify({
      $schema: 'https://json.schemastore.org/claude-code-settings.json',
      permissions: { allow: ['Bash(npm test:*)'], deny: ['Read(./.env)'], defaultMode: 'acceptEdits' },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './check.sh', timeout: 10 }] }],
      },
      env: { FOO: 'bar' },
      model: 'claude-sonnet',
      statusLine: { type: 'command', command: 'echo hi' },
    });
    const { settings, problems } = parseSettings(text, file);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.permissions?.allow, ['Bash(npm test:*)']);
    assert.equal(settings.permissions?.defaultMode, 'acceptEdits');
    assert.deepEqual(settings['statusLine'], { type: 'command', command: 'echo hi' });
  });

  it('reports bad JSON with the file path and loads nothing from that file', () => {
    const { settings, problems } = parseSettings('{ "permissions": ', file);
    assert.deepEqual(settings, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.path, file);
    assert.equal(problems[0]?.field, '');
    assert.match(problems[0]?.message ?? '', /invalid JSON/);
  });

  it('reports a file that is not an object', () => {
    const { problems } = parseSettings('[1, 2]', file);
    assert.match(problems[0]?.message ?? '', /JSON object/);
  });

  const table: {
    name: string;
    input: unknown;
    field: string;
    check: (settings: Record<string, unknown>) => void;
  }[] = [
    {
      name: 'drops one bad rule and keeps the others',
      input: { permissions: { allow: ['Bash(ls)', 42, 'Read'] } },
      field: 'permissions.allow[1]',
      check: (settings) =>
        assert.deepEqual((settings['permissions'] as { allow: string[] }).allow, ['Bash(ls)', 'Read']),
    },
    {
      name: 'drops an unknown permission mode and keeps the rules',
      input: { permissions: { defaultMode: 'yolo', deny: ['Bash(rm:*)'] } },
      field: 'permissions.defaultMode',
      check: (settings) => assert.deepEqual(settings['permissions'], { deny: ['Bash(rm:*)'] }),
    },
    {
      name: 'drops a command hook without a command and keeps its sibling',
      input: {
        hooks: {
          PreToolUse: [
            { matcher: 'Bash', hooks: [{ type: 'command' }, { type: 'command', command: 'ok.sh' }] },
          ],
        },
      },
      field: 'hooks.PreToolUse[0].hooks[0]',
      check: (settings) =>
        assert.deepEqual(settings['hooks'], {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'ok.sh' }] }],
        }),
    },
    {
      name: 'drops a matcher group without hooks',
      input: { hooks: { Stop: [{ matcher: 'x' }, { hooks: [{ type: 'command', command: 'v.sh' }] }] } },
      field: 'hooks.Stop[0].hooks',
      check: (settings) =>
        assert.deepEqual(settings['hooks'], { Stop: [{ hooks: [{ type: 'command', command: 'v.sh' }] }] }),
    },
    {
      name: 'drops a non-string env value and keeps the others',
      input: { env: { A: '1', B: 2 }, model: 'm' },
      field: 'env.B',
      check: (settings) => {
        assert.deepEqual(settings['env'], { A: '1' });
        assert.equal(settings['model'], 'm');
      },
    },
    {
      name: 'drops a deny rule whose braces do not close, instead of keeping it inert',
      input: { permissions: { deny: ['Read(./.env)', 'Read(**/*.{csv,tsv)'] } },
      field: 'permissions.deny[1]',
      check: (settings) => assert.deepEqual(settings['permissions'], { deny: ['Read(./.env)'] }),
    },
    {
      name: 'drops a Bash rule with ":*" in the middle',
      input: { permissions: { allow: ['Bash(git:* status)', 'Bash(git status:*)'] } },
      field: 'permissions.allow[0]',
      check: (settings) => assert.deepEqual(settings['permissions'], { allow: ['Bash(git status:*)'] }),
    },
    {
      name: 'drops a WebFetch rule without domain:',
      input: { permissions: { ask: ['WebFetch(example.com)'] } },
      field: 'permissions.ask[0]',
      check: (settings) => assert.deepEqual(settings['permissions'], { ask: [] }),
    },
    {
      name: 'drops a permissions block that is not an object',
      input: { permissions: 'allow all', model: 'm' },
      field: 'permissions',
      check: (settings) => assert.deepEqual(settings, { model: 'm' }),
    },
  ];

  for (const row of table) {
    it(`${row.name} (reports ${row.field})`, () => {
      const { settings, problems } = validateSettings(row.input, file);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]?.path, file);
      assert.equal(problems[0]?.field, row.field);
      row.check(settings);
    });
  }

  it('explains what is wrong with a broken hook handler', () => {
    const { problems } = validateSettings(
      { hooks: { PreToolUse: [{ hooks: [{ type: 'http', url: 'not a url' }] }] } },
      file,
    );
    assert.equal(problems[0]?.field, 'hooks.PreToolUse[0].hooks[0].url');
    assert.match(problems[0]?.message ?? '', /URL/);
  });

  it('keeps hook types Tandem does not run yet instead of reporting them', () => {
    const { settings, problems } = validateSettings(
      { hooks: { Stop: [{ hooks: [{ type: 'prompt', prompt: 'Is the work done?' }] }] } },
      file,
    );
    assert.deepEqual(problems, []);
    assert.equal(settings.hooks?.['Stop']?.[0]?.hooks[0]?.type, 'prompt');
  });

  it('says which rule is broken and why, at its position in the file', () => {
    const { settings, problems } = validateSettings(
      {
        permissions: {
          allow: [7, 'Edit(src/{a,b)', 'Read(**/*.{csv,tsv})'],
          additionalDirectories: ['../{x'],
        },
      },
      file,
    );
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['permissions.allow[0]', 'permissions.allow[1]'],
    );
    assert.match(problems[1]?.message ?? '', /Invalid permission rule "Edit\(src\/\{a,b\)": .*not closed/);
    assert.deepEqual(settings.permissions?.allow, ['Read(**/*.{csv,tsv})']);
    assert.deepEqual(settings.permissions?.additionalDirectories, ['../{x']);
  });

  it('drops several bad entries of one list in one go', () => {
    const { settings, problems } = validateSettings(
      { permissions: { deny: [1, 'Bash', null, 'Read', {}] } },
      file,
    );
    assert.equal(problems.length, 3);
    assert.deepEqual(settings.permissions?.deny, ['Bash', 'Read']);
  });

  it('says which field a command hook is missing', () => {
    const { problems } = validateSettings(
      { hooks: { Stop: [{ hooks: [{ type: 'command', timeout: 5 }] }] } },
      file,
    );
    assert.equal(problems[0]?.field, 'hooks.Stop[0].hooks[0]');
    assert.match(problems[0]?.message ?? '', /^command: /);
  });

  it('reports an unknown hook type and drops only that handler', () => {
    const { settings, problems } = validateSettings(
      {
        hooks: {
          Stop: [
            {
              hooks: [
                { type: 'shell', run: 'x' },
                { type: 'command', command: 'ok' },
              ],
            },
          ],
        },
      },
      file,
    );
    assert.match(problems[0]?.message ?? '', /expected a hook of type command, http/);
    assert.deepEqual(settings.hooks?.['Stop']?.[0]?.hooks, [{ type: 'command', command: 'ok' }]);
  });
});
