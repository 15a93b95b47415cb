import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPermissionRule } from '../../../../src/node/settings/settings-writer';

describe('addPermissionRule ("allow always" saved to settings)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'tandem-settings-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('creates .claude/settings.local.json with the rule when there is none', async () => {
    const path = join(folder, '.claude', 'settings.local.json');
    assert.deepEqual(await addPermissionRule(path, 'allow', 'Bash(npm test:*)'), { ok: true, added: true });
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
      permissions: { allow: ['Bash(npm test:*)'] },
    });
  });

  it('keeps the other keys and rules of an existing file and does not add a rule twice', async () => {
    const path = join(folder, 'settings.json');
    writeFileSync(
      path,
      JSON.stringify({ model: 'x', permissions: { allow: ['Read'], deny: ['Bash(rm:*)'] }, hooks: {} }),
    );
    await addPermissionRule(path, 'allow', 'Edit(src/**)');
    assert.deepEqual(await addPermissionRule(path, 'allow', 'Edit(src/**)'), { ok: true, added: false });
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
      model: 'x',
      permissions: { allow: ['Read', 'Edit(src/**)'], deny: ['Bash(rm:*)'] },
      hooks: {},
    });
  });

  it('leaves a broken file untouched and says so', async () => {
    mkdirSync(join(folder, '.claude'));
    const path = join(folder, '.claude', 'settings.json');
    writeFileSync(path, '{ "permissions": ');
    const result = await addPermissionRule(path, 'allow', 'Read');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /not valid JSON/);
    assert.equal(readFileSync(path, 'utf8'), '{ "permissions": ');
  });
});
