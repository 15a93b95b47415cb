import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/ports';
import { LocalSettingsTrustStore } from '../../../../src/node/mcp/local-settings-trust-store';
import { readMcpEntries } from '../../../../src/node/mcp/create-mcp-servers';

describe('MCP config files (Claude Code’s places)', () => {
  let folder: string;
  let project: string;
  let home: string;
  beforeEach(() => {
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-mcp-config-')));
    project = join(folder, 'project');
    home = join(folder, 'home');
    mkdirSync(project);
    mkdirSync(home);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const read = (extra: Partial<Parameters<typeof readMcpEntries>[0]> = {}) =>
    readMcpEntries({ projectRoot: project, cwd: project, homeDir: home, env: {}, ...extra });

  it('reads .mcp.json, and ~/.claude.json’s own and per-project servers, local > project > editor > user', async () => {
    writeFileSync(
      join(project, '.mcp.json'),
      JSON.stringify({ mcpServers: { shared: { command: 'project' }, team: { command: 'team' } } }),
    );
    writeFileSync(
      join(home, '.claude.json'),
      JSON.stringify({
        mcpServers: {
          shared: { command: 'user' },
          mine: { command: 'mine' },
          editorToo: { command: 'user-editor' },
        },
        projects: {
          [project]: { mcpServers: { shared: { command: 'local' } } },
          '/elsewhere': { mcpServers: { other: { command: 'x' } } },
        },
        numStartups: 3,
      }),
    );
    const { entries, problems } = await read({ editorServers: { editorToo: { command: 'editor' } } });
    assert.deepEqual(
      entries.map((entry) => [
        entry.name,
        entry.scope,
        'command' in entry.config ? entry.config.command : '',
      ]),
      [
        ['shared', 'local', 'local'],
        ['team', 'project', 'team'],
        ['editorToo', 'editor', 'editor'],
        ['mine', 'user', 'mine'],
      ],
    );
    assert.equal(problems.filter((problem) => /not used/.test(problem.message)).length, 3);
  });

  it('finds ~/.claude.json inside CLAUDE_CONFIG_DIR when it is set', async () => {
    const config = join(folder, 'config');
    mkdirSync(config);
    writeFileSync(join(config, '.claude.json'), JSON.stringify({ mcpServers: { moved: { command: 'x' } } }));
    const { entries } = await read({ env: { CLAUDE_CONFIG_DIR: config } });
    assert.deepEqual(
      entries.map((entry) => entry.name),
      ['moved'],
    );
  });

  it('reports a broken .mcp.json and still loads the other scopes', async () => {
    writeFileSync(join(project, '.mcp.json'), '{ "mcpServers": ');
    writeFileSync(join(home, '.claude.json'), JSON.stringify({ mcpServers: { mine: { command: 'mine' } } }));
    const { entries, problems } = await read();
    assert.deepEqual(
      entries.map((entry) => entry.name),
      ['mine'],
    );
    assert.match(problems[0]?.message ?? '', /not valid JSON/);
  });

  it('takes --mcp-config as a file or as JSON text, first, and only those with strict', async () => {
    writeFileSync(join(project, '.mcp.json'), JSON.stringify({ mcpServers: { team: { command: 'team' } } }));
    writeFileSync(
      join(project, 'extra.json'),
      JSON.stringify({ mcpServers: { team: { command: 'cli-file' } } }),
    );
    const text = JSON.stringify({ mcpServers: { inline: { type: 'http', url: 'http://127.0.0.1:1/mcp' } } });
    const loose = await read({ cliConfigs: ['extra.json', text] });
    assert.deepEqual(
      loose.entries.map((entry) => [entry.name, entry.scope]),
      [
        ['team', 'cli'],
        ['inline', 'cli'],
      ],
    );
    const strict = await read({ cliConfigs: ['extra.json'], strict: true });
    assert.deepEqual(
      strict.entries.map((entry) => entry.name),
      ['team'],
    );
    assert.deepEqual((await read({ cliConfigs: ['nope.json'] })).cliErrors.length, 1);
  });

  it('saves consent to .claude/settings.local.json beside the keys already there', async () => {
    const path = join(project, '.claude', 'settings.local.json');
    mkdirSync(join(project, '.claude'));
    writeFileSync(
      path,
      JSON.stringify({ permissions: { allow: ['Read'] }, disabledMcpjsonServers: ['a', 'b'] }),
    );
    const store = new LocalSettingsTrustStore(path, silentLogger);
    await store.save({ answer: 'approve', names: ['a'] });
    await store.save({ answer: 'reject', names: ['c'] });
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
      permissions: { allow: ['Read'] },
      disabledMcpjsonServers: ['b', 'c'],
      enabledMcpjsonServers: ['a'],
    });
    await store.save({ answer: 'approve-all', names: ['z'] });
    assert.equal(
      (JSON.parse(readFileSync(path, 'utf8')) as { enableAllProjectMcpServers?: boolean })
        .enableAllProjectMcpServers,
      true,
    );
  });
});
