import { strict as assert } from 'node:assert';
import { permissionModeNamed, permissionModes } from '../../../../src/core/permissions/permission-mode';
import { permissionModeNameSchema } from '../../../../src/core/settings/settings-schema';
import { permissionModeSchema as panelModeSchema } from '../../../../src/protocol/chat-state';

describe('permission modes (one list)', () => {
  const table: [string, string | undefined][] = [
    ['default', 'default'],
    ['acceptEdits', 'acceptEdits'],
    ['plan', 'plan'],
    ['auto', 'auto'],
    ['bypassPermissions', 'bypassPermissions'],
    ['manual', 'default'],
    ['dontAsk', undefined],
    ['yolo', undefined],
  ];
  for (const [name, mode] of table) {
    it(`reads "${name}" in a settings file as ${mode ?? 'no mode (default, with a warning)'}`, () => {
      assert.equal(permissionModeNamed(name), mode);
    });
  }

  it('is the list settings files and the panel accept, mode for mode', () => {
    for (const mode of permissionModes) {
      assert.ok(permissionModeNameSchema.safeParse(mode).success, `settings refuse ${mode}`);
      assert.ok(panelModeSchema.safeParse(mode).success, `the panel refuses ${mode}`);
    }
    assert.deepEqual(panelModeSchema.options, [...permissionModes]);
  });
});
