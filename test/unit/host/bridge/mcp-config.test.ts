import { strict as assert } from 'node:assert';
import { mcpServerConfig } from '../../../../src/host/bridge/mcp-config-snippet';
import { withLoopback } from '../../../../src/host/bridge/terminal-environment';

describe('copied MCP server config', () => {
  it("refers to this window's terminal variables, so it holds no secret", () => {
    const text = mcpServerConfig({ kind: 'variables' });
    assert.deepEqual(JSON.parse(text), {
      mcpServers: {
        tandem: {
          type: 'http',
          url: '${TANDEM_MCP_URL}',
          headers: { Authorization: 'Bearer ${TANDEM_MCP_TOKEN}' },
        },
      },
    });
  });

  it('carries the literal address and token when asked for them', () => {
    const text = mcpServerConfig({ kind: 'inline', url: 'http://127.0.0.1:4000/mcp', token: 'secret' });
    assert.deepEqual(JSON.parse(text).mcpServers.tandem, {
      type: 'http',
      url: 'http://127.0.0.1:4000/mcp',
      headers: { Authorization: 'Bearer secret' },
    });
  });
});

describe('loopback in no_proxy', () => {
  const cases: [before: string | undefined, after: string][] = [
    [undefined, 'localhost,127.0.0.1,::1'],
    ['', 'localhost,127.0.0.1,::1'],
    ['corp.example', 'corp.example,localhost,127.0.0.1,::1'],
    ['localhost, corp.example', 'localhost,corp.example,127.0.0.1,::1'],
  ];
  for (const [before, after] of cases) {
    it(`turns ${JSON.stringify(before)} into ${JSON.stringify(after)}`, () => {
      assert.equal(withLoopback(before), after);
    });
  }
});
