import { strict as assert } from 'node:assert';
import { executionDeclinedMessage } from '../../../../../src/host/ide/tools/execute-code-tool';
import { connectFakeIde, texts } from '../fake-ide';

describe('executeCode', () => {
  it('asks the person, saying where the code will run, and runs it once allowed', async () => {
    const ide = await connectFakeIde();
    const result = await ide.call('executeCode', { code: 'print(1)' });
    assert.deepEqual(ide.approval.asked, [
      {
        code: 'print(1)',
        client: 'test-client',
        plan: {
          target: 'process',
          language: 'python',
          where: 'python3 for 8 chars',
          runtime: 'python3',
          cwd: '/work',
        },
      },
    ]);
    assert.deepEqual(ide.executor.runs, ['print(1)']);
    assert.deepEqual(texts(result), ['ran: print(1)']);
    assert.equal(result.isError, undefined);
  });

  it('runs nothing when the person declines, and tells the client so', async () => {
    const ide = await connectFakeIde();
    ide.approval.allow = false;
    const result = await ide.call('executeCode', { code: 'import os; os.remove("x")' });
    assert.deepEqual(ide.executor.runs, []);
    assert.equal(result.isError, true);
    assert.deepEqual(texts(result), [executionDeclinedMessage]);
  });

  it('explains why code cannot run without asking anyone', async () => {
    const ide = await connectFakeIde();
    ide.executor.unavailable = 'No notebook is open and the active editor has no runtime.';
    const result = await ide.call('executeCode', { code: 'x' });
    assert.equal(result.isError, true);
    assert.deepEqual(texts(result), ['No notebook is open and the active editor has no runtime.']);
    assert.deepEqual(ide.approval.asked, []);
  });

  it('marks a failed run as an error and keeps text and images in order', async () => {
    const ide = await connectFakeIde();
    ide.executor.result = {
      output: [
        { type: 'text', text: 'Traceback…' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
      ],
      failed: true,
    };
    const result = await ide.call('executeCode', { code: 'plot()' });
    assert.equal(result.isError, true);
    assert.deepEqual(result.content, ide.executor.result.output);
  });

  it('says there was no output rather than answering nothing', async () => {
    const ide = await connectFakeIde();
    ide.executor.result = { output: [], failed: false };
    assert.deepEqual(texts(await ide.call('executeCode', { code: 'pass' })), ['(no output)']);
  });
});
