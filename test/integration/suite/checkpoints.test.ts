import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { silentLogger } from '../../../src/core/ports';
import { CheckpointStorage } from '../../../src/node/checkpoints/checkpoint-storage';
import { SessionRewind } from '../../../src/node/checkpoints/session-rewind';
import { JsonlTranscriptStore } from '../../../src/node/session/jsonl-transcript-store';
import { composeChatAgent } from '../../../src/host/agent/compose-chat-agent';
import {
  CheckpointContentProvider,
  checkpointScheme,
} from '../../../src/host/checkpoints/checkpoint-content-provider';
import type { ChatBinding } from '../../../src/host/checkpoints/checkpoint-service';
import { CheckpointService } from '../../../src/host/checkpoints/checkpoint-service';
import type { RestoreRequest } from '../../../src/host/checkpoints/restore-confirmation';
import { readHostSettings } from '../../../src/host/config/host-settings';
import { McpService } from '../../../src/host/mcp/mcp-service';
import { ApiKeyStore } from '../../../src/host/secrets/api-key-store';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { extensionId, workspaceRoot } from './tandem-api';

const bomCrlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('alpha\r\nbeta\r\n')]);

/** The checkpoints of a real agent turn in the extension host, restored through the editor's Workspace. */
describe('checkpoints in the editor', () => {
  const model = new ScriptedModelServer();
  const workspace = new VscodeWorkspace();
  let url = '';
  let folder: string;
  let storage: CheckpointStorage;
  let sessions: JsonlTranscriptStore;
  let service: CheckpointService;
  let requests: RestoreRequest[];
  /** Files the fake confirmation ticks besides the ones without conflicts. */
  let tick: Set<string>;
  let rewound: string[];
  let opened: string[];
  let provider: vscode.Disposable;
  const file = (name: string) => join(folder, name);

  before(async () => {
    ({ url } = await model.start());
    provider = vscode.workspace.registerTextDocumentContentProvider(
      checkpointScheme,
      new CheckpointContentProvider(() => storage.blobs),
    );
  });

  after(async () => {
    provider.dispose();
    await model.close();
  });

  beforeEach(() => {
    folder = mkdtempSync(join(workspaceRoot(), 'checkpoints-'));
    const home = mkdtempSync(join(tmpdir(), 'tandem-checkpoints-'));
    storage = new CheckpointStorage({
      directory: join(home, 'checkpoints'),
      maxBytes: 1e9,
      logger: silentLogger,
    });
    sessions = new JsonlTranscriptStore(join(home, 'sessions'), silentLogger);
    requests = [];
    tick = new Set();
    rewound = [];
    opened = [];
    const chats: ChatBinding = {
      isBusy: () => false,
      didRewind: (sessionId) => void rewound.push(sessionId),
      open: (sessionId) => void opened.push(sessionId),
    };
    service = new CheckpointService({
      rewind: new SessionRewind(sessions, storage),
      workspace,
      confirmation: {
        confirm: async (request) => {
          requests.push(request);
          const chosen = request.plan.entries.filter((entry) => !entry.conflict || tick.has(entry.path));
          return new Set(chosen.map((entry) => entry.path));
        },
      },
      chats,
      ask: async () => true,
      label: (path) => vscode.workspace.asRelativePath(path),
    });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** One agent turn against the scripted model: edits, a created file, a Bash rm, an edit of an open dirty file. */
  async function agentTurn(sessionId: string): Promise<void> {
    model.enqueue(
      [
        { toolUse: { name: 'Read', input: { file_path: file('crlf.txt') } } },
        { toolUse: { name: 'Read', input: { file_path: file('dirty.ts') } } },
      ],
      [
        {
          toolUse: {
            name: 'Edit',
            input: { file_path: file('crlf.txt'), old_string: 'beta', new_string: 'gamma' },
          },
        },
        { toolUse: { name: 'Write', input: { file_path: file('new.txt'), content: 'created\n' } } },
        {
          toolUse: {
            name: 'Edit',
            input: { file_path: file('dirty.ts'), old_string: 'one', new_string: 'ONE' },
          },
        },
      ],
      [{ toolUse: { name: 'Bash', input: { command: `rm '${file('gone.txt')}'` } } }],
      [{ text: 'done' }],
    );
    await runTurn(sessionId);
  }

  /** Runs one turn of a freshly composed agent (as the panel composes it) on what the model was given. */
  async function runTurn(sessionId: string): Promise<void> {
    const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';
    const secrets = { get: async () => 'sk-test', store: async () => {}, delete: async () => {} };
    // No MCP servers: this test is about the files a turn changes.
    const mcp = new McpService({
      settings: readHostSettings,
      roots: () => workspace.roots,
      logger: silentLogger,
      version: '0.0.0',
    });
    const factory = composeChatAgent({
      settings: () => ({
        ...readHostSettings(),
        provider: 'anthropic',
        anthropicBaseUrl: url,
        permissionMode: 'acceptEdits',
      }),
      keys: new ApiKeyStore(secrets as unknown as vscode.SecretStorage, {}),
      workspace,
      mcp,
      logger: silentLogger,
      sessions,
      distPath: join(extensionPath, 'dist'),
      checkpoints: () => storage,
    });
    const created = await factory({
      approver: { ask: async () => ({ kind: 'allow-once' }) },
      writer: { propose: async () => ({ kind: 'rejected', reason: 'reviews are not part of this test' }) },
      trusted: true,
      sessionId,
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    const turn = created.agent.submit('change the files', new AbortController().signal);
    for (let step = await turn.next(); !step.done; step = await turn.next()) {
      // drain
    }
    await created.dispose();
    mcp.dispose();
  }

  async function openDirty(path: string, typed: string): Promise<vscode.TextDocument> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path));
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), typed));
    assert.equal(editor.document.isDirty, true);
    return editor.document;
  }

  function setUpFiles(): void {
    writeFileSync(file('crlf.txt'), bomCrlf);
    writeFileSync(file('gone.txt'), 'delete me\n');
    writeFileSync(file('dirty.ts'), 'const one = 1;\n');
  }

  it('restores byte for byte: a BOM+CRLF file, a created, a deleted and a file that was open with unsaved typing', async () => {
    setUpFiles();
    await openDirty(file('dirty.ts'), '// typed, not saved\n');
    await agentTurn('restore-bytes');
    assert.equal(readFileSync(file('dirty.ts'), 'utf8'), '// typed, not saved\nconst ONE = 1;\n');
    assert.equal(existsSync(file('gone.txt')), false);

    const report = await service.rewind({ sessionId: 'restore-bytes', at: 1, mode: 'files' });
    assert.equal(report.kind, 'done', JSON.stringify(report));
    assert.deepEqual(
      requests[0]?.plan.entries.map((entry) => [vscode.workspace.asRelativePath(entry.path), entry.action]),
      [
        [vscode.workspace.asRelativePath(file('crlf.txt')), 'revert'],
        [vscode.workspace.asRelativePath(file('dirty.ts')), 'revert'],
        [vscode.workspace.asRelativePath(file('gone.txt')), 'recreate'],
        [vscode.workspace.asRelativePath(file('new.txt')), 'delete'],
      ],
    );
    assert.deepEqual(readFileSync(file('crlf.txt')), bomCrlf);
    assert.equal(readFileSync(file('gone.txt'), 'utf8'), 'delete me\n');
    assert.equal(existsSync(file('new.txt')), false);
    // What the person had typed and not saved when the agent edited the file is what comes back.
    assert.equal(readFileSync(file('dirty.ts'), 'utf8'), '// typed, not saved\nconst one = 1;\n');
    const document = vscode.workspace.textDocuments.find((open) => open.uri.fsPath === file('dirty.ts'));
    assert.equal(document?.getText(), '// typed, not saved\nconst one = 1;\n');
  });

  it('leaves a file with unsaved changes made after the turn alone unless it is ticked, then Undo brings them back', async () => {
    setUpFiles();
    await agentTurn('restore-dirty');
    const document = await openDirty(file('crlf.txt'), 'mine ');
    await service.rewind({ sessionId: 'restore-dirty', at: 1, mode: 'files' });
    const entry = requests[0]?.plan.entries.find((planned) => planned.path === file('crlf.txt'));
    assert.equal(entry?.conflict?.kind, 'changed-after');
    assert.equal(entry?.dirty, true);
    assert.ok(document.getText().startsWith('mine alpha'));
    assert.equal(document.isDirty, true);

    tick = new Set([file('crlf.txt')]);
    await service.rewind({ sessionId: 'restore-dirty', at: 1, mode: 'files' });
    assert.deepEqual(readFileSync(file('crlf.txt')), bomCrlf);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.match(document.getText(), /mine alpha\r\ngamma\r\n$/);
  });

  it('puts back CRLF line endings that a command in the turn turned into LF', async () => {
    writeFileSync(file('crlf.txt'), bomCrlf);
    model.enqueue(
      [{ toolUse: { name: 'Bash', input: { command: `sed -i 's/\\r$//' '${file('crlf.txt')}'` } } }],
      [{ text: 'converted' }],
    );
    await runTurn('restore-eol');
    assert.equal(readFileSync(file('crlf.txt')).includes(0x0d), false);
    const report = await service.rewind({ sessionId: 'restore-eol', at: 1, mode: 'files' });
    assert.equal(report.kind, 'done', JSON.stringify(report));
    assert.deepEqual(readFileSync(file('crlf.txt')), bomCrlf);
  });

  it('shows a file as the checkpoint kept it in the native diff editor', async () => {
    setUpFiles();
    await agentTurn('restore-diff');
    const planned = await new SessionRewind(sessions, storage).planFiles('restore-diff', 1, workspace);
    assert.ok(planned.ok);
    const entry = planned.plan.entries.find((candidate) => candidate.path === file('crlf.txt'));
    assert.ok(entry);
    await service.showDiff(entry, planned.turn);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff);
    assert.equal(input.modified.scheme, checkpointScheme);
    const shown = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(shown.getText().replace(/\r\n/g, '\n'), 'alpha\nbeta\n');
  });

  it('rewinds the conversation with an entry the resumed session reads, and forks a new chat', async () => {
    setUpFiles();
    await agentTurn('restore-talk');
    const before = sessions.load('restore-talk')?.messages.length ?? 0;
    assert.ok(before > 1);
    const fork = await service.rewind({ sessionId: 'restore-talk', at: 1, mode: 'fork' });
    assert.equal(fork.kind, 'done');
    assert.deepEqual(opened, [fork.kind === 'done' ? fork.forkedTo : '']);
    assert.equal(sessions.load(opened[0] ?? '')?.messages.length, 0);
    const report = await service.rewind({ sessionId: 'restore-talk', at: 1, mode: 'conversation' });
    assert.equal(report.kind, 'done');
    assert.deepEqual(rewound, ['restore-talk']);
    assert.equal(sessions.load('restore-talk')?.messages.length, 0);
    assert.equal(readFileSync(file('crlf.txt'), 'utf8').includes('gamma'), true);
  });
});
