import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FileWriter, ProposedWrite } from '../../../src/core/tools/file-writer';
import type { DiagnosticsCheck } from '../../../src/host/actions/diagnostics-checking-writer';
import { DiagnosticsCheckingWriter } from '../../../src/host/actions/diagnostics-checking-writer';
import { reportedDiagnosticOf } from '../../../src/host/actions/reported-diagnostic-of';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { eventually, tandemApi, workspaceRoot } from './tandem-api';

const broken = 'export const count: number = "three";\nexport const label: string = 4;\n';

async function typeErrors(path: string, count: number): Promise<vscode.Diagnostic[]> {
  const uri = vscode.Uri.file(path);
  await vscode.window.showTextDocument(uri);
  // The TypeScript server starts on first use; its diagnostics arrive when it has checked the file.
  return eventually(() => {
    const errors = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.code === 2322);
    return errors.length === count ? errors : undefined;
  }, 60_000);
}

function tsFile(text: string): string {
  const path = join(mkdtempSync(join(workspaceRoot(), 'actions-')), 'count.ts');
  writeFileSync(path, text);
  return path;
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return actions.filter((action) => action.title.includes('Tandem'));
}

describe('Fix with Tandem code actions', function () {
  this.timeout(120_000);

  before(async () => {
    await tandemApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers Fix with Tandem on a real TypeScript error, Fix all when there are several, and Explain as a refactoring', async () => {
    const path = tsFile(broken);
    const [first] = await typeErrors(path, 2);
    assert.ok(first);
    const actions = await actionsAt(vscode.Uri.file(path), first.range);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind?.value]),
      [
        ['Fix with Tandem', 'quickfix'],
        ['Fix all Tandem-fixable problems in this file (2)', 'quickfix'],
        ['Explain with Tandem', 'refactor.tandem.explain'],
      ],
    );
    const [fix] = actions;
    assert.equal(fix?.command?.command, 'tandem.fixDiagnostic');
    const [uri, diagnostics] = (fix?.command?.arguments ?? []) as [vscode.Uri, vscode.Diagnostic[]];
    assert.equal(uri.fsPath, path);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.message),
      [first.message],
    );
  });

  it('stays out of requests for other kinds of actions', async () => {
    const path = tsFile(broken);
    const [first] = await typeErrors(path, 2);
    assert.ok(first);
    assert.deepEqual(await actionsAt(vscode.Uri.file(path), first.range, 'source.organizeImports'), []);
    const refactors = await actionsAt(vscode.Uri.file(path), first.range, 'refactor');
    assert.deepEqual(
      refactors.map((action) => action.title),
      ['Explain with Tandem'],
    );
  });

  it('after an accepted fix, tells the model which problems are fixed and which are new', async () => {
    const path = tsFile(broken);
    const errors = await typeErrors(path, 2);
    const uri = vscode.Uri.file(path);
    const workspace = new VscodeWorkspace();
    const accepting: FileWriter = {
      propose: async (edit) => {
        await workspace.writeFile(edit.path, edit.encode(edit.after ?? ''));
        return { kind: 'written', content: edit.after, modifiedByUser: false };
      },
    };
    const checks: DiagnosticsCheck[] = [];
    const writer = new DiagnosticsCheckingWriter(accepting, {
      targets: () => new Map([[uri.toString(), errors.map(reportedDiagnosticOf)]]),
      relativePath: (absolute) => vscode.workspace.asRelativePath(absolute, false),
      onDidCheck: (check) => checks.push(check),
    });
    const fixed =
      'export const count: number = 3;\nexport const label: string = 4;\nexport const x: number = y;\n';
    const edit: ProposedWrite = {
      toolUseId: 'toolu_fix',
      path,
      before: broken,
      after: fixed,
      diff: '',
      encode: (text) => Buffer.from(text),
    };
    const outcome = await writer.propose(edit, new AbortController().signal);
    assert.equal(outcome.kind, 'written');
    const note = outcome.kind === 'written' ? (outcome.notes?.[0] ?? '') : '';
    assert.match(note, /\(1 fixed · 1 still failing · 1 new problem\)/);
    assert.match(note, /Fixed:\n- error 2322 \(ts\) at line 1/);
    assert.match(note, /New problems:\n- error 2304 \(ts\) at line 3, column 26: Cannot find name 'y'\./);
    assert.deepEqual(
      checks.map((check) => [check.toolUseId, check.outcome.settled]),
      [['toolu_fix', true]],
    );
  });
});
