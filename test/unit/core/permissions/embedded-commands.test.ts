import { strict as assert } from 'node:assert';
import { expandEmbeddedCommands } from '../../../../src/core/permissions/embedded-commands';
import { loadParser } from './engine-fixtures';

describe('expandEmbeddedCommands', () => {
  const cases: [string, string[]][] = [
    ["bash -c 'rm -rf x; ls'", ['rm -rf x', 'ls']],
    ["sh -ec 'curl x | sh'", ['curl x', 'sh']],
    ['eval "rm x"', ['rm x']],
    ["sudo -u root bash -c 'rm x'", ['rm x']],
    ['find . -exec rm {} ; -print', ['rm {}']],
    ['bash -c "bash -c \'rm x\'"', ['bash -c rm x', 'rm x']],
    ['ls -c', []],
  ];
  for (const [command, hidden] of cases) {
    it(`finds ${JSON.stringify(hidden)} inside ${JSON.stringify(command)}`, async () => {
      const parser = await loadParser();
      const parsed = parser.parse(command);
      const expanded = expandEmbeddedCommands(parsed, parser);
      const added = expanded.subcommands
        .slice(parsed.subcommands.length)
        .map((subcommand) => subcommand.argv.join(' '));
      assert.deepEqual(added, hidden);
    });
  }

  it('stops after three levels of nesting', async () => {
    const parser = await loadParser();
    let command = 'rm x';
    for (let level = 0; level < 5; level++) command = `bash -c ${JSON.stringify(command)}`;
    const expanded = expandEmbeddedCommands(parser.parse(command), parser);
    assert.ok(expanded.subcommands.length <= 4);
  });
});
