import { strict as assert } from 'node:assert';
import type { FileDiagnostics } from '../../../../../src/host/ide/ide-editor';
import { connectFakeIde, json, texts } from '../fake-ide';

const broken: FileDiagnostics = {
  uri: 'file:///work/project/my file.ts',
  linesInFile: 3,
  diagnostics: [
    {
      message: "Type 'string' is not assignable to type 'number'.",
      severity: 'Error',
      range: { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } },
      source: 'ts',
      code: '2322',
    },
  ],
};

describe('IDE editor tools', () => {
  describe('getDiagnostics', () => {
    it('lists every file with problems when no uri is given', async () => {
      const ide = await connectFakeIde();
      ide.editor.files.set('/work/project/my file.ts', broken);
      assert.deepEqual(json(await ide.call('getDiagnostics')), [broken]);
    });

    it("reads the CLI's unencoded file URI and echoes it back as sent", async () => {
      const ide = await connectFakeIde();
      ide.editor.files.set('/work/project/my file.ts', broken);
      const uri = 'file:///work/project/my file.ts';
      assert.deepEqual(json(await ide.call('getDiagnostics', { uri })), [{ ...broken, uri }]);
      const encoded = 'file:///work/project/my%20file.ts';
      const [entry] = json(await ide.call('getDiagnostics', { uri: encoded })) as FileDiagnostics[];
      assert.equal(entry?.diagnostics.length, 1, 'a percent-encoded URI names the same file');
      assert.equal(entry?.uri, encoded);
    });

    it('answers an entry with no diagnostics for a clean file, not an error', async () => {
      const ide = await connectFakeIde();
      const result = await ide.call('getDiagnostics', { uri: 'file:///work/project/clean.ts' });
      assert.equal(result.isError, undefined);
      assert.deepEqual(json(result), [{ uri: 'file:///work/project/clean.ts', diagnostics: [] }]);
    });
  });

  describe('selection', () => {
    const selection = {
      text: 'x',
      filePath: '/work/project/a.ts',
      fileUrl: 'file:///work/project/a.ts',
      selection: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 }, isEmpty: false },
    };

    it("getCurrentSelection answers the active editor's selection, or says there is none", async () => {
      const ide = await connectFakeIde();
      assert.deepEqual(json(await ide.call('getCurrentSelection')), {
        success: false,
        message: 'No active editor found',
      });
      ide.editor.selection = selection;
      assert.deepEqual(json(await ide.call('getCurrentSelection')), { success: true, ...selection });
    });

    it('getLatestSelection says so when nothing was ever selected', async () => {
      const ide = await connectFakeIde();
      assert.deepEqual(json(await ide.call('getLatestSelection')), {
        success: false,
        message: 'No selection available',
      });
    });
  });

  it('getOpenEditors wraps the tabs in { tabs }', async () => {
    const ide = await connectFakeIde();
    ide.editor.tabs = [
      {
        uri: 'file:///work/project/a.ts',
        isActive: true,
        isPinned: false,
        isPreview: false,
        isDirty: true,
        label: 'a.ts',
        groupIndex: 0,
        viewColumn: 1,
        isGroupActive: true,
      },
    ];
    assert.deepEqual(json(await ide.call('getOpenEditors')), { tabs: ide.editor.tabs });
  });

  it('getWorkspaceFolders names the folders, the first as rootPath, and the workspace file', async () => {
    const ide = await connectFakeIde();
    assert.deepEqual(json(await ide.call('getWorkspaceFolders')), {
      success: true,
      folders: ide.editor.folders,
      rootPath: '/work/project',
      workspaceFile: null,
    });
    ide.editor.folders = [];
    assert.deepEqual(json(await ide.call('getWorkspaceFolders')), {
      success: true,
      folders: [],
      rootPath: null,
      workspaceFile: null,
    });
  });

  describe('documents', () => {
    it('checkDocumentDirty reports an open document, resolving a relative path in the first folder', async () => {
      const ide = await connectFakeIde();
      ide.editor.documents.set('/work/project/src/a.ts', { isDirty: true, isUntitled: false });
      assert.deepEqual(json(await ide.call('checkDocumentDirty', { filePath: 'src/a.ts' })), {
        success: true,
        filePath: '/work/project/src/a.ts',
        isDirty: true,
        isUntitled: false,
      });
      assert.deepEqual(json(await ide.call('checkDocumentDirty', { filePath: '/elsewhere.ts' })), {
        success: false,
        message: 'Document not open: /elsewhere.ts',
      });
    });

    it('saveDocument saves a dirty document and says when there was nothing to save', async () => {
      const ide = await connectFakeIde();
      ide.editor.documents.set('/work/project/a.ts', { isDirty: true, isUntitled: false });
      assert.deepEqual(json(await ide.call('saveDocument', { filePath: '/work/project/a.ts' })), {
        success: true,
        filePath: '/work/project/a.ts',
        saved: true,
        message: 'Document saved successfully',
      });
      const again = json(await ide.call('saveDocument', { filePath: '/work/project/a.ts' }));
      assert.deepEqual(again, {
        success: true,
        filePath: '/work/project/a.ts',
        saved: false,
        message: 'Document was not dirty or save failed',
      });
      assert.deepEqual(json(await ide.call('saveDocument', { filePath: '/work/project/b.ts' })), {
        success: false,
        message: 'Document not open: /work/project/b.ts',
      });
    });
  });

  describe('openFile', () => {
    it('opens and focuses by default, with the protocol defaults, answering a plain message', async () => {
      const ide = await connectFakeIde();
      ide.editor.disk.set('/work/project/a.ts', 'one\ntwo\n');
      assert.deepEqual(texts(await ide.call('openFile', { filePath: '/work/project/a.ts' })), [
        'Opened file: /work/project/a.ts',
      ]);
      assert.deepEqual(ide.editor.opened[0], {
        filePath: '/work/project/a.ts',
        preview: false,
        selectToEndOfLine: false,
        makeFrontmost: true,
      });
    });

    it('says whether the text to select was found', async () => {
      const ide = await connectFakeIde();
      ide.editor.disk.set('/work/project/a.ts', 'one\ntwo\n');
      const found = await ide.call('openFile', { filePath: '/work/project/a.ts', startText: 'two' });
      assert.deepEqual(texts(found), ['Opened file and selected text: /work/project/a.ts']);
      const missing = await ide.call('openFile', { filePath: '/work/project/a.ts', startText: 'three' });
      assert.deepEqual(texts(missing), ['Opened file: /work/project/a.ts (text "three" not found)']);
    });

    it('opened in the background, answers the document details as JSON', async () => {
      const ide = await connectFakeIde();
      ide.editor.disk.set('/work/project/a.ts', 'one\ntwo\n');
      const result = await ide.call('openFile', { filePath: '/work/project/a.ts', makeFrontmost: false });
      assert.deepEqual(json(result), {
        success: true,
        filePath: '/work/project/a.ts',
        fileUrl: 'file:///work/project/a.ts',
        message: 'Opened file: /work/project/a.ts',
        languageId: 'typescript',
        lineCount: 3,
        isDirty: false,
        isUntitled: false,
        isClosed: false,
      });
    });

    it('fails with "File not found" for a file that does not exist', async () => {
      const ide = await connectFakeIde();
      const result = await ide.call('openFile', { filePath: '/work/project/gone.ts' });
      assert.equal(result.isError, true);
      assert.deepEqual(texts(result), ['File not found: /work/project/gone.ts']);
    });
  });
});
