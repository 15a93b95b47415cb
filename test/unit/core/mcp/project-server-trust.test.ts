import { strict as assert } from 'node:assert';
import type { McpTrustAnswer, McpTrustQuestion } from '../../../../src/core/mcp/project-server-trust';
import { ProjectServerTrust, mcpApprovalSettings } from '../../../../src/core/mcp/project-server-trust';
import { silentLogger } from '../../../../src/core/ports';

const question = (name: string): McpTrustQuestion => ({ name, transport: 'stdio: npx', source: '.mcp.json' });
const signal = new AbortController().signal;

function trustWith(options: {
  levels?: { source: string; settings: unknown }[];
  answer?: McpTrustAnswer;
  workspaceTrusted?: boolean;
}) {
  const asked: string[][] = [];
  const saved: { answer: McpTrustAnswer; names: readonly string[] }[] = [];
  const trust = new ProjectServerTrust({
    settings: mcpApprovalSettings(options.levels ?? []),
    ...(options.answer
      ? {
          prompt: {
            ask: async (servers) => {
              asked.push(servers.map((server) => server.name));
              return options.answer;
            },
          },
        }
      : {}),
    store: { save: async (decision) => void saved.push(decision) },
    logger: silentLogger,
    ...(options.workspaceTrusted === undefined ? {} : { workspaceTrusted: options.workspaceTrusted }),
  });
  return { trust, asked, saved };
}

describe('consent for project (.mcp.json) servers', () => {
  const verdicts: { name: string; levels: { source: string; settings: unknown }[]; a: string; b: string }[] =
    [
      {
        name: 'enabledMcpjsonServers in local settings approves the named server',
        levels: [{ source: 'local', settings: { enabledMcpjsonServers: ['a'] } }],
        a: 'approved',
        b: 'undecided',
      },
      {
        name: 'enableAllProjectMcpServers in user settings approves every server',
        levels: [{ source: 'user', settings: { enableAllProjectMcpServers: true } }],
        a: 'approved',
        b: 'approved',
      },
      {
        name: 'disabledMcpjsonServers wins over an approval',
        levels: [
          { source: 'local', settings: { enableAllProjectMcpServers: true } },
          { source: 'user', settings: { disabledMcpjsonServers: ['a'] } },
        ],
        a: 'rejected',
        b: 'approved',
      },
      {
        name: 'the shared project settings cannot approve their own servers',
        levels: [
          { source: 'project', settings: { enableAllProjectMcpServers: true, enabledMcpjsonServers: ['a'] } },
        ],
        a: 'undecided',
        b: 'undecided',
      },
      {
        name: 'the shared project settings may refuse one',
        levels: [{ source: 'project', settings: { disabledMcpjsonServers: ['b'] } }],
        a: 'undecided',
        b: 'rejected',
      },
      {
        name: 'a malformed key is ignored',
        levels: [{ source: 'local', settings: { enabledMcpjsonServers: 'a' } }],
        a: 'undecided',
        b: 'undecided',
      },
    ];
  for (const { name, levels, a, b } of verdicts) {
    it(name, () => {
      const { trust } = trustWith({ levels });
      assert.deepEqual([trust.known('a').kind, trust.known('b').kind], [a, b]);
    });
  }

  it('asks once for the undecided servers of a batch and saves the answer', async () => {
    const { trust, asked, saved } = trustWith({
      levels: [{ source: 'local', settings: { enabledMcpjsonServers: ['known'] } }],
      answer: 'approve',
    });
    const result = await trust.decide([question('known'), question('new1'), question('new2')], signal);
    assert.deepEqual(asked, [['new1', 'new2']]);
    assert.deepEqual(saved, [{ answer: 'approve', names: ['new1', 'new2'] }]);
    assert.deepEqual(
      [...result.values()].map((verdict) => verdict.kind),
      ['approved', 'approved', 'approved'],
    );
    await trust.decide([question('new1')], signal);
    assert.equal(asked.length, 1, 'an answered server is not asked about again');
  });

  it('records a refusal', async () => {
    const { trust, saved } = trustWith({ answer: 'reject' });
    const result = await trust.decide([question('x')], signal);
    assert.equal(result.get('x')?.kind, 'rejected');
    assert.deepEqual(saved, [{ answer: 'reject', names: ['x'] }]);
  });

  it('leaves the servers undecided when nobody can be asked (headless)', async () => {
    const { trust } = trustWith({});
    assert.deepEqual((await trust.decide([question('x')], signal)).get('x'), {
      kind: 'undecided',
      asked: false,
    });
  });

  it('starts no project server in an untrusted workspace, whatever the settings say', async () => {
    const { trust, asked } = trustWith({
      levels: [{ source: 'local', settings: { enableAllProjectMcpServers: true } }],
      answer: 'approve',
      workspaceTrusted: false,
    });
    assert.equal((await trust.decide([question('x')], signal)).get('x')?.kind, 'blocked');
    assert.deepEqual(asked, []);
    trust.setWorkspaceTrusted(true);
    assert.equal(trust.known('x').kind, 'approved');
  });
});
