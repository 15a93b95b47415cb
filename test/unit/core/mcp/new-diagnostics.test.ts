import { strict as assert } from 'node:assert';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ideDiagnosticsProvider } from '../../../../src/core/mcp/ide-diagnostics';
import { McpServerManager } from '../../../../src/core/mcp/mcp-server-manager';
import { NewDiagnosticsTracker } from '../../../../src/core/mcp/new-diagnostics-tracker';
import { ProjectServerTrust } from '../../../../src/core/mcp/project-server-trust';
import { silentLogger } from '../../../../src/core/ports';
import { createFakeIdeServer } from '../../../fixtures/mcp/fake-ide-server';
import { realClock } from '../../../support/tool-context';

const file = '/work/project/src/app.ts';

function ideManager() {
  const ide = createFakeIdeServer();
  const manager = new McpServerManager({
    entries: [
      {
        name: 'ide',
        scope: 'builtin',
        source: 'Tandem',
        config: {
          type: 'in-process',
          trusted: true,
          hiddenTools: ['openDiff'],
          connect: async () => {
            const [client, server] = InMemoryTransport.createLinkedPair();
            await ide.server.connect(server);
            return client;
          },
        },
      },
    ],
    transports: { create: () => Promise.reject(new Error('only the in-process server here')) },
    trust: new ProjectServerTrust({
      settings: { enableAll: false, enabled: new Set(), disabled: new Set() },
      logger: silentLogger,
    }),
    env: {},
    clock: realClock,
    logger: silentLogger,
    clientInfo: { name: 'tandem-test', version: '0.0.0' },
    roots: ['/work/project'],
    timeouts: { connectMs: 5_000, callMs: 5_000 },
  });
  const tracker = new NewDiagnosticsTracker(ideDiagnosticsProvider((request) => manager.callTool(request)));
  return { ide, manager, tracker };
}

describe('new diagnostics after an edit (the IDE server, in-process over MCP)', () => {
  it('connects the in-process IDE server as mcp__ide__* tools, without the ones it hides', async () => {
    const { manager } = ideManager();
    const tools = await manager.tools(new AbortController().signal);
    assert.deepEqual(
      tools.map((tool) => tool.name),
      ['mcp__ide__getDiagnostics'],
    );
    await manager.dispose();
  });

  it('reports only the problems an edit added, with 1-based lines, once', async () => {
    const { ide, manager, tracker } = ideManager();
    await manager.tools(new AbortController().signal);
    ide.diagnostics.set(file, [
      { message: "'x' is declared but never used.", severity: 'Warning', line: 2, source: 'ts' },
    ]);
    await tracker.takeBaseline();
    tracker.touched([file]);
    ide.diagnostics.set(file, [
      { message: "'x' is declared but never used.", severity: 'Warning', line: 5, source: 'ts' },
      { message: "Cannot find name 'y'.", severity: 'Error', line: 9, source: 'ts' },
    ]);
    const reminder = await tracker.reminder();
    assert.match(
      reminder ?? '',
      /^<system-reminder>\nThe editor reports these diagnostics after your last edit:/,
    );
    assert.match(reminder ?? '', /- \/work\/project\/src\/app\.ts:10:1 error: Cannot find name 'y'\. \[ts\]/);
    assert.doesNotMatch(reminder ?? '', /never used/, 'a warning that only moved is not new');
    assert.deepEqual(ide.requests, [undefined, `file://${file}`]);
    assert.equal(await tracker.reminder(), undefined, 'reported once');
    await manager.dispose();
  });

  it('keeps watching a file whose diagnostics arrive a round late', async () => {
    const { ide, manager, tracker } = ideManager();
    await manager.tools(new AbortController().signal);
    await tracker.takeBaseline();
    tracker.touched([file]);
    assert.equal(await tracker.reminder(), undefined);
    ide.diagnostics.set(file, [{ message: 'Expected ";".', severity: 'Error', line: 0 }]);
    assert.match((await tracker.reminder()) ?? '', /app\.ts:1:1 error: Expected ";"\./);
    await manager.dispose();
  });

  it('says nothing when no IDE answers', async () => {
    const tracker = new NewDiagnosticsTracker(async () => undefined);
    await tracker.takeBaseline();
    tracker.touched([file]);
    assert.equal(await tracker.reminder(), undefined);
  });
});
