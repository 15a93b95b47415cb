import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

describe('JSONL transcript store: rewind and fork', () => {
  let folder: string;
  let store: JsonlTranscriptStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tandem-sessions-'));
    store = new JsonlTranscriptStore(folder, silentLogger);
    const sink = store.sink('s1');
    sink.append({ type: 'session-start', sessionId: 's1', cwd: '/w', model: 'm1', timestamp: 0 });
    for (const text of ['one', 'did one', 'two', 'did two']) {
      const role = text.startsWith('did') ? 'assistant' : 'user';
      sink.append({ type: 'message', message: { role, content: [{ type: 'text', text }] }, timestamp: 1 });
    }
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('rewinds by appending a line, never rewriting the old ones', () => {
    const before = readFileSync(store.pathOf('s1'), 'utf8');
    assert.equal(store.rewind('s1', 2, 9), true);
    const after = readFileSync(store.pathOf('s1'), 'utf8');
    assert.ok(after.startsWith(before));
    assert.equal(after.slice(before.length), '{"type":"rewind","messageCount":2,"timestamp":9}\n');
    assert.equal(store.load('s1')?.messages.length, 2);
    assert.equal(store.summary('s1')?.summary.messageCount, 2, 'the history list counts what is left');
  });

  it('forks the first messages into a new session and leaves the original whole', () => {
    const result = store.fork({ sessionId: 's1', messageCount: 2, newSessionId: 's2', now: 5 });
    assert.deepEqual(result, { ok: true, sessionId: 's2' });
    const fork = store.load('s2');
    assert.equal(fork?.sessionId, 's2');
    assert.deepEqual(
      fork?.messages.map((message) => message.content[0]?.type === 'text' && message.content[0].text),
      ['one', 'did one'],
    );
    assert.equal(fork?.title, 'one (fork)');
    assert.equal(store.load('s1')?.messages.length, 4);
  });

  it('refuses to fork onto an existing session', () => {
    store.sink('s2').append({ type: 'title', title: 'taken', timestamp: 0 });
    const result = store.fork({ sessionId: 's1', messageCount: 2, newSessionId: 's2' });
    assert.equal(result.ok, false);
    assert.equal(store.load('s2')?.title, 'taken');
  });
});
