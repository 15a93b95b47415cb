import { strict as assert } from 'node:assert';
import { connectFakeIde, texts } from '../fake-ide';

const path = '/work/project/a.ts';
const tab = '✻ [Claude Code] a.ts (3f9a1c) ⧉';
const openDiffArgs = {
  old_file_path: path,
  new_file_path: path,
  new_file_contents: 'export const a = 2;\n',
  tab_name: tab,
};

describe('openDiff, close_tab, closeAllDiffTabs', () => {
  it('answers FILE_SAVED and the proposed text in two blocks when the person accepts', async () => {
    const ide = await connectFakeIde();
    ide.editor.disk.set(path, 'export const a = 1;\n');
    const call = ide.call('openDiff', openDiffArgs);
    await ide.reviewer.waitFor(1);
    const request = ide.reviewer.requests[0];
    assert.equal(request?.path, path);
    assert.equal(request?.before, 'export const a = 1;\n');
    assert.equal(request?.after, 'export const a = 2;\n');
    assert.equal(request?.title, tab);
    assert.match(request?.diff ?? '', /-export const a = 1;\n\+export const a = 2;/);
    ide.reviewer.answer(0, { kind: 'accept' });
    assert.deepEqual(texts(await call), ['FILE_SAVED', 'export const a = 2;\n']);
  });

  it("returns the person's own version when they edited the proposal before accepting", async () => {
    const ide = await connectFakeIde();
    const call = ide.call('openDiff', openDiffArgs);
    await ide.reviewer.waitFor(1);
    ide.reviewer.answer(0, { kind: 'accept-modified', content: 'export const a = 3;\n' });
    assert.deepEqual(texts(await call), ['FILE_SAVED', 'export const a = 3;\n']);
  });

  it('proposes a new file with nothing on the left', async () => {
    const ide = await connectFakeIde();
    const call = ide.call('openDiff', { ...openDiffArgs, old_file_path: '/work/project/new.ts' });
    await ide.reviewer.waitFor(1);
    assert.equal(ide.reviewer.requests[0]?.before, undefined);
    ide.reviewer.answer(0, { kind: 'reject' });
    await call;
  });

  it('answers DIFF_REJECTED and the tab name when the person rejects', async () => {
    const ide = await connectFakeIde();
    const call = ide.call('openDiff', openDiffArgs);
    await ide.reviewer.waitFor(1);
    ide.reviewer.answer(0, { kind: 'reject', reason: 'no' });
    assert.deepEqual(texts(await call), ['DIFF_REJECTED', tab]);
  });

  it('close_tab rejects the diff still waiting under that name and always answers TAB_CLOSED', async () => {
    const ide = await connectFakeIde();
    const waiting = ide.call('openDiff', openDiffArgs);
    const other = ide.call('openDiff', { ...openDiffArgs, tab_name: 'other' });
    await ide.reviewer.waitFor(2);
    assert.deepEqual(texts(await ide.call('close_tab', { tab_name: tab })), ['TAB_CLOSED']);
    assert.deepEqual(texts(await waiting), ['DIFF_REJECTED', tab]);
    assert.deepEqual(texts(await ide.call('close_tab', { tab_name: 'never opened' })), ['TAB_CLOSED']);
    ide.reviewer.answer(1, { kind: 'accept' });
    assert.deepEqual(texts(await other)[0], 'FILE_SAVED', 'the other diff was left alone');
  });

  it('close_tab closes a diff tab left open after its answer', async () => {
    const ide = await connectFakeIde();
    ide.editor.diffTabs = [tab, 'someone else'];
    await ide.call('close_tab', { tab_name: tab });
    assert.deepEqual(ide.editor.diffTabs, ['someone else']);
  });

  it('closeAllDiffTabs rejects every waiting diff of this client and counts the tabs', async () => {
    const ide = await connectFakeIde();
    const first = ide.call('openDiff', openDiffArgs);
    const second = ide.call('openDiff', { ...openDiffArgs, tab_name: 'second' });
    await ide.reviewer.waitFor(2);
    ide.editor.diffTabs = ['answered earlier'];
    assert.deepEqual(texts(await ide.call('closeAllDiffTabs')), ['CLOSED_3_DIFF_TABS']);
    assert.deepEqual(texts(await first)[0], 'DIFF_REJECTED');
    assert.deepEqual(texts(await second)[0], 'DIFF_REJECTED');
    assert.deepEqual(texts(await ide.call('closeAllDiffTabs')), ['CLOSED_0_DIFF_TABS']);
  });

  it("leaves another client's waiting diffs alone", async () => {
    const one = await connectFakeIde();
    const two = await connectFakeIde({ reviewer: one.reviewer, editor: one.editor });
    const waiting = one.call('openDiff', openDiffArgs);
    await one.reviewer.waitFor(1);
    assert.deepEqual(texts(await two.call('closeAllDiffTabs')), ['CLOSED_0_DIFF_TABS']);
    one.reviewer.answer(0, { kind: 'accept' });
    assert.equal(texts(await waiting)[0], 'FILE_SAVED');
  });

  it('ends the review when the client disconnects, so no diff waits for nobody', async () => {
    const ide = await connectFakeIde();
    void ide.call('openDiff', openDiffArgs).catch(() => undefined);
    await ide.reviewer.waitFor(1);
    const signal = ide.reviewer.signals[0];
    assert.equal(signal?.aborted, false);
    await ide.client.close();
    assert.equal(signal?.aborted, true);
  });
});
