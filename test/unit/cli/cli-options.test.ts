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

  it('takes --mcp-config values as Claude Code does: several after one flag, or the flag repeated', () => {
    const parsed = parseCli([
      '--mcp-config',
      'a.json',
      'b.json',
      '--mcp-config',
      '{"mcpServers":{}}',
      '-p',
      'go',
    ]);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.options.mcpConfig, ['a.json', 'b.json', '{"mcpServers":{}}']);
    assert.equal(parsed.options.prompt, 'go');
    assert.equal(parsed.options.strictMcpConfig, false);
  });

  it('reads --strict-mcp-config and keeps a prompt given after the config files', () => {
    const parsed = parseCli(['--strict-mcp-config', '--mcp-config', 'a.json', '--verbose', 'do', 'it']);
    assert.ok(parsed.ok);
    assert.deepEqual(
      [parsed.options.strictMcpConfig, parsed.options.mcpConfig, parsed.options.prompt],
      [true, ['a.json'], 'do it'],
    );
  });

  describe('rewind flags', () => {
    const cases: { argv: string[]; error?: RegExp; rewind?: number | 'list' }[] = [
      { argv: ['--resume', 's', '--rewind', 'list'], rewind: 'list' },
      { argv: ['--resume', 's', '--rewind', '3', '--rewind-files'], rewind: 3 },
      { argv: ['--resume', 's', '--rewind', 'x'], error: /^--rewind: must be a turn number/ },
      { argv: ['--resume', 's', '--rewind', '0'], error: /^--rewind: / },
      { argv: ['--rewind', '2'], error: /need --resume/ },
      { argv: ['--resume', 's', '--dry-run'], error: /go with --rewind <turn>/ },
      {
        argv: ['--resume', 's', '--rewind', '2', '--rewind-files', '--rewind-conversation'],
        error: /exclude each other/,
      },
      {
        argv: ['--resume', 's', '--rewind', '2', '--fork-session', '--rewind-files'],
        error: /--fork-session leaves/,
      },
      { argv: ['--resume', 's', '--overwrite', 'a.txt'], error: /--overwrite goes with --rewind/ },
    ];
    for (const example of cases) {
      it(`${example.error ? 'refuses' : 'accepts'} ${example.argv.join(' ')}`, () => {
        const parsed = parseCli(example.argv);
        if (example.error) {
          assert.equal(parsed.ok, false);
          assert.match(parsed.ok ? '' : parsed.message, example.error);
        } else {
          assert.ok(parsed.ok);
          assert.equal(parsed.options.rewind, example.rewind);
        }
      });
    }
  });
});
