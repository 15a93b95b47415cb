import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { silentLogger } from '../../../../src/core/ports';
import type { ReviewAnswer } from '../../../../src/core/ports';
import type {
  CodeExecutor,
  ExecutionApproval,
  ExecutionPlan,
  ExecutionResult,
} from '../../../../src/host/ide/execution/code-executor';
import type { DiffReviewer, DiffReviewRequest } from '../../../../src/host/ide/review/diff-reviewer';
import type {
  DocumentState,
  EditorSelection,
  FileDiagnostics,
  IdeEditor,
  OpenEditorTab,
  OpenFileOutcome,
  OpenFileRequest,
  WorkspaceFolderInfo,
} from '../../../../src/host/ide/ide-editor';
import type { IdeMcpServerOptions } from '../../../../src/host/ide/ide-mcp-server';
import { createIdeMcpServer } from '../../../../src/host/ide/ide-mcp-server';
import { connectInProcessClient } from '../../../../src/host/ide/in-process-ide-client';
import { SelectionFeed } from '../../../../src/host/ide/selection/selection-feed';

/** An editor held in plain fields; records what the tools asked it to do. */
export class FakeEditor implements IdeEditor {
  folders: WorkspaceFolderInfo[] = [
    { name: 'project', uri: 'file:///work/project', path: '/work/project', index: 0 },
  ];
  workspaceFilePath: string | null = null;
  files = new Map<string, FileDiagnostics>();
  selection: EditorSelection | undefined;
  tabs: OpenEditorTab[] = [];
  documents = new Map<string, DocumentState>();
  disk = new Map<string, string>();
  diffTabs: string[] = [];
  readonly opened: OpenFileRequest[] = [];
  readonly saved: string[] = [];

  workspaceFolders(): WorkspaceFolderInfo[] {
    return this.folders;
  }

  workspaceFile(): string | null {
    return this.workspaceFilePath;
  }

  diagnostics(path?: string): FileDiagnostics[] {
    if (path === undefined) return [...this.files.values()];
    return [this.files.get(path) ?? { uri: `file://${path}`, diagnostics: [] }];
  }

  currentSelection(): EditorSelection | undefined {
    return this.selection;
  }

  openEditors(): OpenEditorTab[] {
    return this.tabs;
  }

  documentState(path: string): DocumentState | undefined {
    return this.documents.get(path);
  }

  async saveDocument(path: string): Promise<{ saved: boolean } | undefined> {
    const state = this.documents.get(path);
    if (!state) return undefined;
    this.saved.push(path);
    const saved = state.isDirty;
    this.documents.set(path, { ...state, isDirty: false });
    return { saved };
  }

  async openFile(request: OpenFileRequest): Promise<OpenFileOutcome> {
    this.opened.push(request);
    const text = this.disk.get(request.filePath);
    if (text === undefined) return { kind: 'not-found' };
    return {
      kind: 'opened',
      fileUrl: `file://${request.filePath}`,
      languageId: 'typescript',
      lineCount: text.split('\n').length,
      isDirty: false,
      isUntitled: false,
      selected: request.startText === undefined ? undefined : text.includes(request.startText),
    };
  }

  async readDiskText(path: string): Promise<string | undefined> {
    return this.disk.get(path);
  }

  async closeDiffTabs(title?: string): Promise<number> {
    const closing = this.diffTabs.filter((tab) => title === undefined || tab === title);
    this.diffTabs = this.diffTabs.filter((tab) => !closing.includes(tab));
    return closing.length;
  }
}

/** A reviewer the test answers by hand; an aborted review settles as a reject, as the contract says. */
export class FakeReviewer implements DiffReviewer {
  readonly requests: DiffReviewRequest[] = [];
  readonly signals: AbortSignal[] = [];
  readonly #answers: ((answer: ReviewAnswer) => void)[] = [];
  readonly #arrivals: (() => void)[] = [];

  review(request: DiffReviewRequest, signal: AbortSignal): Promise<ReviewAnswer> {
    this.requests.push(request);
    this.signals.push(signal);
    for (const arrived of this.#arrivals.splice(0)) arrived();
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve({ kind: 'reject' }), { once: true });
      this.#answers.push(resolve);
    });
  }

  /** Resolves once `count` reviews have been asked for. */
  async waitFor(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((resolve) => this.#arrivals.push(resolve));
  }

  answer(index: number, answer: ReviewAnswer): void {
    this.#answers[index]?.(answer);
  }
}

/** Plans every snippet as Python in the first folder; runs it by echoing it back. */
export class FakeExecutor implements CodeExecutor {
  readonly runs: string[] = [];
  unavailable: string | undefined;
  result: ExecutionResult | undefined;

  plan(code: string): { ok: true; plan: ExecutionPlan } | { ok: false; message: string } {
    if (this.unavailable) return { ok: false, message: this.unavailable };
    return {
      ok: true,
      plan: {
        target: 'process',
        language: 'python',
        where: `python3 for ${code.length} chars`,
        runtime: 'python3',
        cwd: '/work',
      },
    };
  }

  async run(code: string): Promise<ExecutionResult> {
    this.runs.push(code);
    return this.result ?? { output: [{ type: 'text', text: `ran: ${code}` }], failed: false };
  }
}

/** Answers every question with `allow`, and records what it was asked. */
export class FakeApproval implements ExecutionApproval {
  readonly asked: { code: string; plan: ExecutionPlan; client: string }[] = [];
  allow = true;

  async confirm(request: { code: string; plan: ExecutionPlan; client: string }): Promise<boolean> {
    this.asked.push(request);
    return this.allow;
  }
}

/** A fresh server over fresh fakes, not connected. */
export function fakeIdeServer(overrides: Partial<IdeMcpServerOptions> = {}) {
  const editor = new FakeEditor();
  const reviewer = new FakeReviewer();
  const executor = new FakeExecutor();
  const approval = new FakeApproval();
  const selections = new SelectionFeed({ debounceMs: 0 });
  const server = createIdeMcpServer({
    editor,
    reviewer,
    executor,
    approval,
    selections,
    logger: silentLogger,
    version: '0.0.0-test',
    label: 'test',
    ...overrides,
  });
  return { server, editor, reviewer, executor, approval, selections };
}

/** A fresh server over the fakes, with an SDK client connected in-process. */
export async function connectFakeIde(overrides: Partial<IdeMcpServerOptions> = {}) {
  const fakes = fakeIdeServer(overrides);
  const { server } = fakes;
  const client: Client = await connectInProcessClient(server, { name: 'test-client', version: '1' });
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { ...fakes, client, call };
}

/** The text of every block, in order. */
export function texts(result: CallToolResult): string[] {
  return result.content.map((block) => (block.type === 'text' ? block.text : `<${block.type}>`));
}

/** The first block parsed as JSON. */
export function json(result: CallToolResult): unknown {
  const first = result.content[0];
  if (first?.type !== 'text') throw new Error('the result has no text block');
  return JSON.parse(first.text) as unknown;
}
