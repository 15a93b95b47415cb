import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userText } from '../../../../src/core/messages/message';
import { silentLogger } from '../../../../src/core/ports';
import type { TitleChange } from '../../../../src/node/session/jsonl-transcript-store';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';

describe('JsonlTranscriptStore', () => {
  let directory: string;
  let store: JsonlTranscriptStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-store-'));
    store = new JsonlTranscriptStore(directory, silentLogger);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps the next message after a torn last line instead of gluing it to the torn one', () => {
    store.sink('s').append({ type: 'message', message: userText('first'), timestamp: 1 });
    appendFileSync(store.pathOf('s'), '{"type":"stream-text","text":"cut of');
    store.sink('s').append({ type: 'message', message: userText('typed after the resume'), timestamp: 2 });
    const restored = store.load('s');
    assert.equal(restored?.skippedLines, 1);
    assert.match(JSON.stringify(restored?.messages), /typed after the resume/);
  });

  it('renames a session: the person’s title wins in the list and is announced', () => {
    const changes: TitleChange[] = [];
    store.onDidChangeTitle((change) => changes.push(change));
    store.sink('s').append({ type: 'message', message: userText('fix it'), timestamp: 1 });
    assert.equal(store.rename('s', '  Login   bug '), true);
    assert.deepEqual(store.summary('s')?.title, 'Login bug');
    assert.equal(store.summary('s')?.titleSource, 'person');
    assert.deepEqual(changes, [{ sessionId: 's', title: 'Login bug', source: 'person' }]);
    assert.equal(store.rename('missing', 'x'), false, 'no transcript, no rename');
    assert.equal(store.rename('s', '   '), false, 'an empty title is refused');
  });

  it('deletes a session and forgets it in the index', () => {
    store.sink('s').append({ type: 'message', message: userText('fix it'), timestamp: 1 });
    assert.equal(store.list().length, 1);
    assert.equal(store.delete('s'), true);
    assert.equal(existsSync(store.pathOf('s')), false);
    assert.deepEqual(store.list(), []);
    assert.equal(store.delete('s'), false);
    assert.equal(store.delete('../index'), false, 'only session ids');
  });
});
