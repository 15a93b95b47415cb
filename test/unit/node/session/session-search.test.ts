import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userText } from '../../../../src/core/messages/message';
import { silentLogger } from '../../../../src/core/ports';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import { searchSessions } from '../../../../src/node/session/session-search';

describe('searchSessions', () => {
  let directory: string;
  let store: JsonlTranscriptStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-search-'));
    store = new JsonlTranscriptStore(directory, silentLogger);
    const write = (id: string, prompt: string, answer: string, toolOutput = '') => {
      const sink = store.sink(id);
      sink.append({ type: 'message', message: userText(prompt), timestamp: 1 });
      sink.append({
        type: 'message',
        message: { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Read', input: {} }] },
        timestamp: 2,
      });
      sink.append({
        type: 'message',
        message: {
          role: 'user',
          synthetic: true,
          content: [{ type: 'tool_result', toolUseId: 't', content: toolOutput, isError: false }],
        },
        timestamp: 3,
      });
      sink.append({
        type: 'message',
        message: { role: 'assistant', content: [{ type: 'text', text: answer }] },
        timestamp: 4,
      });
    };
    write('login', 'Fix the login bug', 'The session cookie expired too early; I set maxAge.');
    write('dark', 'Add dark mode', 'Added a theme toggle.', 'cookie mentioned only in a file it read');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('finds a title match and a content match, with the text around it', async () => {
    const byTitle = await searchSessions(store, 'DARK');
    assert.deepEqual(
      byTitle.map((match) => [match.session.sessionId, match.where]),
      [['dark', 'title']],
    );
    const byContent = await searchSessions(store, 'cookie');
    assert.deepEqual(
      byContent.map((match) => [match.session.sessionId, match.where]),
      [['login', 'content']],
      'tool output is not the conversation',
    );
    assert.match(byContent[0]!.snippet, /session cookie expired/);
  });

  it('finds text that JSON escapes in the transcript, such as quotes', async () => {
    const sink = store.sink('quote');
    sink.append({ type: 'message', message: userText('rename it'), timestamp: 5 });
    sink.append({
      type: 'message',
      message: { role: 'assistant', content: [{ type: 'text', text: 'Renamed "foo" to bar.' }] },
      timestamp: 6,
    });
    const matches = await searchSessions(store, 'ED "FOO');
    assert.deepEqual(
      matches.map((match) => [match.session.sessionId, match.where]),
      [['quote', 'content']],
    );
  });

  it('stops reading when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await searchSessions(store, 'cookie', { signal: controller.signal }), []);
  });
});
