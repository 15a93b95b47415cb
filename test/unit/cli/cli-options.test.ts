import { strict as assert } from 'node:assert';
import { providerNames } from '../../../src/core/model/provider-defaults';
import { permissionModes } from '../../../src/core/permissions/permission-mode';
import { parseCli, usage } from '../../../src/cli/cli-options';

describe('tandem CLI options', () => {
  for (const mode of permissionModes) {
    it(`accepts --permission-mode ${mode}`, () => {
      const parsed = parseCli(['-p', 'hi', '--permission-mode', mode]);
      assert.ok(parsed.ok);
      assert.equal(parsed.options.permissionMode, mode);
    });
  }

  it('refuses a mode the core does not have, naming the flag', () => {
    const parsed = parseCli(['-p', 'hi', '--permission-mode', 'yolo']);
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.message, /^--permission-mode: /);
  });

  it('lists every mode and provider in its help', () => {
    assert.ok(usage.includes(permissionModes.join(' | ')));
    assert.ok(usage.includes(`--provider ${providerNames.join('|')}`));
  });
});
