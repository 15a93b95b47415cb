import { strict as assert } from 'node:assert';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userText } from '../../../../src/core/messages/message';
import { silentLogger } from '../../../../src/core/ports';
import type { TranscriptEntry } from '../../../../src/core/session/transcript-entry';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import { indexFileName } from '../../../../src/node/session/session-index';

describe('the session history index', () => {
  let directory: string;
  let store: JsonlTranscriptStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-index-'));
    store = new JsonlTranscriptStore(directory, silentLogger);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const write = (sessionId: string, ...entries: TranscriptEntry[]) => {
    const sink = store.sink(sessionId);
    for (const entry of entries) sink.append(entry);
  };
  const prompt = (text: string, timestamp = 1): TranscriptEntry => ({
    type: 'message',
    message: userText(text),
    timestamp,
  });
  const titles = (from: JsonlTranscriptStore = store) =>
    Object.fromEntries(from.list().map((session) => [session.sessionId, session.title]));
  const indexPath = () => join(directory, indexFileName);
  /** A transcript changed by someone else: its mtime moves on, as a later write's would. */
  const touchLater = (sessionId: string) => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(store.pathOf(sessionId), later, later);
  };

  it('lists sessions with the first words typed, and writes an index beside them', () => {
    write('a', prompt('fix the login bug'));
    write('b', prompt('add dark mode'));
    assert.deepEqual(titles(), { a: 'fix the login bug', b: 'add dark mode' });
    assert.ok(existsSync(indexPath()));
  });

  it('lists from the index without reading a transcript that did not change', () => {
    write('a', prompt('fix the login bug'));
    store.list();
    const index = JSON.parse(readFileSync(indexPath(), 'utf8')) as {
      sessions: { summary: { firstPrompt: string } }[];
    };
    index.sessions[0]!.summary.firstPrompt = 'as the index says';
    writeFileSync(indexPath(), JSON.stringify(index));
    const fresh = new JsonlTranscriptStore(directory, silentLogger);
    assert.deepEqual(titles(fresh), { a: 'as the index says' }, 'size and mtime match, so the entry is used');
  });

  it('folds what was appended to a transcript since it was indexed', () => {
    write('a', prompt('fix the login bug'));
    store.list();
    const fresh = new JsonlTranscriptStore(directory, silentLogger);
    write('a', { type: 'title', title: 'Login bug', timestamp: 2 });
    assert.deepEqual(titles(fresh), { a: 'Login bug' });
    assert.equal(fresh.list()[0]?.summary.promptCount, 1, 'the first line is not folded twice');
  });

  it('reads a transcript again from the start when it was rewritten, not appended to', () => {
    write('a', prompt('fix the login bug'), prompt('and the logout one'));
    store.list();
    writeFileSync(store.pathOf('a'), `${JSON.stringify(prompt('a different session'))}\n`);
    touchLater('a');
    const fresh = new JsonlTranscriptStore(directory, silentLogger);
    assert.deepEqual(titles(fresh), { a: 'a different session' });
    assert.equal(fresh.list()[0]?.summary.promptCount, 1);
  });

  it('never trusts an entry whose transcript changed, even at the same size', () => {
    write('a', prompt('aaaa'));
    store.list();
    writeFileSync(store.pathOf('a'), `${JSON.stringify(prompt('bbbb'))}\n`);
    touchLater('a');
    assert.deepEqual(titles(new JsonlTranscriptStore(directory, silentLogger)), { a: 'bbbb' });
  });

  it('adds new transcripts and drops deleted ones', () => {
    write('a', prompt('first'));
    store.list();
    write('b', prompt('second'));
    unlinkSync(store.pathOf('a'));
    assert.deepEqual(titles(new JsonlTranscriptStore(directory, silentLogger)), { b: 'second' });
  });

  it('rebuilds a missing or unreadable index from the transcripts', () => {
    write('a', prompt('first'));
    store.list();
    for (const broken of ['{"version":1,"sessions":[{"sessionId":"a"', '{"version":2,"sessions":[]}', '']) {
      writeFileSync(indexPath(), broken);
      assert.deepEqual(titles(new JsonlTranscriptStore(directory, silentLogger)), { a: 'first' }, broken);
    }
    unlinkSync(indexPath());
    assert.deepEqual(titles(new JsonlTranscriptStore(directory, silentLogger)), { a: 'first' });
  });

  it('ignores index entries for names that are not session ids, and files that are not transcripts', () => {
    write('a', prompt('first'));
    writeFileSync(join(directory, 'notes.txt'), 'not a session');
    writeFileSync(
      indexPath(),
      JSON.stringify({
        version: 1,
        sessions: [
          {
            sessionId: '../../etc/passwd',
            offset: 0,
            size: 0,
            mtimeMs: 0,
            head: '',
            summary: { messageCount: 0, promptCount: 0, interrupted: false, title: 'injected' },
          },
        ],
      }),
    );
    assert.deepEqual(titles(new JsonlTranscriptStore(directory, silentLogger)), { a: 'first' });
  });

  it('leaves a torn last line for later: it is folded once the line is whole', () => {
    write('a', prompt('first'));
    appendFileSync(store.pathOf('a'), '{"type":"title","title":"Half');
    const fresh = new JsonlTranscriptStore(directory, silentLogger);
    assert.deepEqual(titles(fresh), { a: 'first' });
    appendFileSync(store.pathOf('a'), ' written","timestamp":3}\n');
    assert.deepEqual(titles(fresh), { a: 'Half written' });
  });

  it('shows newest first', () => {
    write('old', prompt('old one'));
    write('new', prompt('new one'));
    touchLater('new');
    assert.deepEqual(
      store.list().map((session) => session.sessionId),
      ['new', 'old'],
    );
  });

  it('rebuilds in the background: after warm(), listing reads no transcript', async () => {
    write('a', prompt('first'));
    write('b', prompt('second'));
    await store.warm();
    const index = JSON.parse(readFileSync(indexPath(), 'utf8')) as {
      sessions: { summary: { firstPrompt: string } }[];
    };
    assert.deepEqual(index.sessions.map((entry) => entry.summary.firstPrompt).sort(), ['first', 'second']);
    for (const entry of index.sessions) entry.summary.firstPrompt = `indexed ${entry.summary.firstPrompt}`;
    writeFileSync(indexPath(), JSON.stringify(index));
    assert.deepEqual(titles(new JsonlTranscriptStore(directory, silentLogger)), {
      a: 'indexed first',
      b: 'indexed second',
    });
  });
});
