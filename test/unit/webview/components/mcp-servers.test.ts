import { strict as assert } from 'node:assert';
import type { McpServerView } from '../../../../src/protocol/mcp-server-events';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { type MountedPanel, buttonNamed, mountPanel } from '../support/render-panel';

const github: McpServerView = {
  name: 'github',
  scope: 'user',
  transport: 'stdio: npx',
  status: 'connected',
  detail: 'connected (12 tools)',
  toolCount: 12,
  actions: ['restart', 'turn-off'],
};
const broken: McpServerView = {
  name: 'db',
  scope: 'user',
  transport: 'stdio: db-mcp',
  status: 'failed',
  detail: 'failed: the command was not found',
  toolCount: 0,
  actions: ['restart', 'turn-off'],
};
const project: McpServerView = {
  name: 'team',
  scope: 'project',
  transport: 'stdio: node',
  status: 'awaiting-trust',
  detail: 'waiting for your approval',
  toolCount: 0,
  actions: ['approve'],
};

const servers = (list: McpServerView[]) =>
  ({ type: HostMessageType.DidChangeMcpServers, servers: list }) as const;
const region = (panel: MountedPanel) => panel.container.querySelector('section[aria-label="MCP servers"]');

describe('the MCP servers in the panel', () => {
  let dom: DomEnvironment;
  let panel: MountedPanel | undefined;
  before(() => {
    dom = installDom();
  });
  afterEach(async () => {
    await panel?.unmount();
    panel = undefined;
  });
  after(async () => {
    await dom.dispose();
  });

  it('shows nothing while the person configured no server, unless the built-in one fails', async () => {
    const ide: McpServerView = { ...github, name: 'ide', scope: 'builtin', transport: 'in-process' };
    panel = await mountPanel([servers([])]);
    assert.equal(region(panel), null);
    await panel.receive(servers([ide]));
    assert.equal(region(panel), null);
    await panel.receive(servers([{ ...ide, status: 'failed', detail: 'failed: it closed the connection' }]));
    assert.notEqual(region(panel), null);
  });

  it('sums the states up while closed, and lists each reason when opened', async () => {
    panel = await mountPanel([servers([github, broken])]);
    const header = region(panel)?.querySelector('button');
    assert.equal(header?.getAttribute('aria-expanded'), 'false');
    assert.match(header?.textContent ?? '', /MCP servers1 connected · 1 failed/);
    await panel.act(() => header?.click());
    const rows = [...(region(panel)?.querySelectorAll('li') ?? [])].map((row) => row.textContent);
    assert.deepEqual(rows, ['githubconnected (12 tools)', 'dbfailed: the command was not found']);
  });

  it('opens by itself when a project server waits for approval, and sends the click to the host', async () => {
    panel = await mountPanel([servers([github, project])]);
    assert.equal(region(panel)?.querySelector('button')?.getAttribute('aria-expanded'), 'true');
    await panel.act(() => buttonNamed(panel!.container, 'Approve team').click());
    await panel.act(() => buttonNamed(panel!.container, 'Turn off github').click());
    assert.deepEqual(panel.posted, [
      { type: WebviewMessageType.McpServerCommand, name: 'team', action: 'approve' },
      { type: WebviewMessageType.McpServerCommand, name: 'github', action: 'turn-off' },
    ]);
  });

  it('follows the host’s next list', async () => {
    panel = await mountPanel([servers([project])]);
    await panel.receive(
      servers([
        {
          ...project,
          status: 'connected',
          detail: 'connected (3 tools)',
          actions: ['refuse', 'restart', 'turn-off'],
        },
      ]),
    );
    assert.match(region(panel)?.querySelector('button')?.textContent ?? '', /1 connected/);
  });
});
