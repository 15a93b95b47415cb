import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/ports';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';

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
