import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePermissionRule } from '../../../src/core/permissions/permission-rule';
import { permissionRulePattern } from '../../../scripts/json-schemas/claude-settings-json-schema';
import { jsonSchemaFiles } from '../../../scripts/json-schemas/json-schema-files';
import { objectsAt, readRepositoryJson, repositoryRoot } from '../manifest/read-manifest';

describe('JSON schemas for Claude Code settings and .mcp.json', () => {
  for (const [path, generate] of Object.entries(jsonSchemaFiles)) {
    it(`${path} is what its zod schema generates (run npm run schemas after changing it)`, () => {
      const checkedIn = JSON.parse(readFileSync(join(repositoryRoot, path), 'utf8')) as unknown;
      assert.deepEqual(checkedIn, generate());
    });
  }

  it('are the files package.json validates settings and .mcp.json with', () => {
    const validation = objectsAt(readRepositoryJson('package.json'), 'contributes', 'jsonValidation');
    assert.deepEqual(
      validation.map((entry) => String(entry['url']).replace(/^\.\//, '')).sort(),
      Object.keys(jsonSchemaFiles).sort(),
    );
    const patterns = validation.flatMap((entry) => entry['fileMatch']);
    for (const file of ['**/.claude/settings.json', '**/.claude/settings.local.json', '.mcp.json']) {
      assert.ok(patterns.includes(file), `${file} is validated`);
    }
  });

  describe('flags a permission rule exactly when its shape is one Tandem rejects', () => {
    const accepted = [
      'Bash',
      'Bash(*)',
      'Bash(git diff:*)',
      'Bash(npm run test *)',
      'Edit(src/**)',
      'Read(./.env)',
      'WebFetch(domain:example.com)',
      'mcp__github',
      'mcp__github__get_issue',
      'mcp__server__*',
      '  Bash(npm test)  ',
    ];
    const rejected = [
      'Bash (git status)',
      'Bash(',
      'Bash()',
      'Bash(  )',
      '(ls)',
      '*',
      'git diff',
      'Bash(ls) now',
    ];
    const pattern = new RegExp(permissionRulePattern);
    for (const rule of accepted) {
      it(`accepts ${JSON.stringify(rule)}`, () => {
        assert.equal(parsePermissionRule(rule, { source: 'project' }).ok, true, 'Tandem accepts it');
        assert.match(rule, pattern);
      });
    }
    for (const rule of rejected) {
      it(`flags ${JSON.stringify(rule)}`, () => {
        assert.equal(parsePermissionRule(rule, { source: 'project' }).ok, false, 'Tandem rejects it');
        assert.doesNotMatch(rule, pattern);
      });
    }
  });
});
