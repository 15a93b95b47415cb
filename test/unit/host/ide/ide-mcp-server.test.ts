import { strict as assert } from 'node:assert';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { EditorSelection } from '../../../../src/host/ide/ide-editor';
import {
  atMentionedNotificationSchema,
  selectionChangedNotificationSchema,
} from '../../../../src/host/ide/ide-notifications';
import { connectFakeIde, fakeIdeServer, json } from './fake-ide';

const selection: EditorSelection = {
  text: 'let x = 1;',
  filePath: '/work/project/a.ts',
  fileUrl: 'file:///work/project/a.ts',
  selection: { start: { line: 10, character: 0 }, end: { line: 10, character: 10 }, isEmpty: false },
};

const expectedTools: [name: string, required: string[]][] = [
  ['openFile', ['filePath']],
  ['openDiff', ['old_file_path', 'new_file_path', 'new_file_contents', 'tab_name']],
  ['close_tab', ['tab_name']],
  ['closeAllDiffTabs', []],
  ['getDiagnostics', []],
  ['getCurrentSelection', []],
  ['getLatestSelection', []],
  ['getOpenEditors', []],
  ['getWorkspaceFolders', []],
  ['checkDocumentDirty', ['filePath']],
  ['saveDocument', ['filePath']],
  ['executeCode', ['code']],
];

describe('IDE MCP server', () => {
  it('lists the twelve IDE tools under their exact names, with the required inputs of the protocol', async () => {
    const { client } = await connectFakeIde();
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), expectedTools.map(([name]) => name).sort());
    for (const [name, required] of expectedTools) {
      const tool = tools.find((candidate) => candidate.name === name);
      assert.equal(tool?.inputSchema.type, 'object', name);
      assert.deepEqual([...(tool?.inputSchema.required ?? [])].sort(), [...required].sort(), name);
      assert.ok(tool?.description, `${name} has a description`);
    }
    const openFile = tools.find((tool) => tool.name === 'openFile');
    assert.deepEqual(Object.keys(openFile?.inputSchema.properties ?? {}).sort(), [
      'endText',
      'filePath',
      'makeFrontmost',
      'preview',
      'selectToEndOfLine',
      'startText',
    ]);
    await client.close();
  });

  it('introduces itself as Tandem, never as the JetBrains plugin the CLI special-cases', async () => {
    const { client } = await connectFakeIde();
    assert.equal(client.getServerVersion()?.name, 'Tandem IDE MCP');
    assert.deepEqual(client.getServerCapabilities()?.tools, { listChanged: true });
    await client.close();
  });

  it('answers an unknown tool with an error result, so the agent turn goes on', async () => {
    const { call } = await connectFakeIde();
    const result = await call('noSuchTool');
    assert.equal(result.isError, true);
    assert.match(JSON.stringify(result.content), /noSuchTool not found/);
  });

  it('tolerates extra arguments a newer client may send', async () => {
    const { call, editor } = await connectFakeIde();
    editor.documents.set('/work/project/a.ts', { isDirty: true, isUntitled: false });
    const result = await call('checkDocumentDirty', { filePath: '/work/project/a.ts', futureFlag: 1 });
    assert.equal(result.isError, undefined);
  });

  it('pushes the latest selection once the client is ready, then every announced change', async () => {
    const { client, selections, call } = await connectFakeIde({ firstSelectionDelayMs: 0 });
    const received: unknown[] = [];
    client.setNotificationHandler(selectionChangedNotificationSchema, (notification) => {
      received.push(notification.params);
    });
    selections.update(selection);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const moved = { ...selection, text: '', selection: { ...selection.selection, isEmpty: true } };
    selections.update(moved);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(received, [selection, moved]);
    assert.deepEqual(json(await call('getLatestSelection')), {
      success: true,
      ...moved,
    });
  });

  it('waits before the first selection push, because the CLI drops what comes too early', async () => {
    const scheduled: { ms: number; run: () => void }[] = [];
    const { client, selections } = await connectFakeIde({
      schedule: (run, ms) => {
        scheduled.push({ ms, run });
        return () => {};
      },
    });
    const received: unknown[] = [];
    client.setNotificationHandler(selectionChangedNotificationSchema, (notification) => {
      received.push(notification.params);
    });
    selections.update(selection);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(received, [], 'nothing before the delay ran');
    assert.deepEqual(
      scheduled.map((entry) => entry.ms),
      [500],
    );
    scheduled[0]?.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(received, [selection]);
  });

  it('sends at_mentioned to connected clients, without line numbers for a whole file', async () => {
    const { client, selections } = await connectFakeIde();
    const received: unknown[] = [];
    client.setNotificationHandler(atMentionedNotificationSchema, (notification) => {
      received.push(notification.params);
    });
    assert.equal(selections.mention({ filePath: '/work/project/a.ts', lineStart: 3, lineEnd: 5 }), 1);
    assert.equal(selections.mention({ filePath: '/work/project/src' }), 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(received, [
      { filePath: '/work/project/a.ts', lineStart: 3, lineEnd: 5 },
      { filePath: '/work/project/src' },
    ]);
  });

  it('stops announcing to a client once it disconnected', async () => {
    const { client, selections } = await connectFakeIde();
    await client.close();
    assert.equal(selections.mention({ filePath: '/work/project/a.ts' }), 0);
  });

  it('negotiates the protocol version: echoes one it knows, answers its newest otherwise', async () => {
    const cases: [asked: string, answered: string][] = [
      ['2025-11-25', '2025-11-25'],
      ['2025-06-18', '2025-06-18'],
      ['2025-03-26', '2025-03-26'],
      ['2024-11-05', '2024-11-05'],
      ['2099-01-01', '2025-11-25'],
    ];
    for (const [asked, answered] of cases) {
      const { server } = fakeIdeServer();
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const answer = new Promise<unknown>((resolve) => {
        clientSide.onmessage = (message) => resolve(message);
      });
      await clientSide.start();
      await clientSide.send({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: asked, capabilities: {}, clientInfo: { name: 'cli', version: '1' } },
      });
      const message = (await answer) as { result: { protocolVersion: string } };
      assert.equal(message.result.protocolVersion, answered, asked);
      await clientSide.close();
    }
  });
});
