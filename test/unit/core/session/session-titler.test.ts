import { strict as assert } from 'node:assert';
import { Agent } from '../../../../src/core/agent/agent';
import type { Message } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import type { ModelClient, ModelRequest, ModelStreamEvent } from '../../../../src/core/model/model-client';
import { silentLogger } from '../../../../src/core/ports';
import { SessionTitler, cleanTitle, withTitles } from '../../../../src/core/session/session-titler';
import type { TitleSource, TranscriptEntry } from '../../../../src/core/session/transcript-entry';
import { FakeModelClient } from '../../../support/fake-model-client';
import { allowAllGate } from '../../../support/loop-harness';
import { ManualClock } from '../../../support/manual-clock';
import { testPorts } from '../../../support/tool-context';

const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const said = (text: string) => ({ blocks: [{ type: 'text' as const, text }] });

describe('SessionTitler', () => {
  let saved: { title: string | undefined; source: TitleSource | undefined };
  let written: string[];

  beforeEach(() => {
    saved = { title: undefined, source: undefined };
    written = [];
  });

  function titler(client: ModelClient, history?: Message[]): SessionTitler {
    return new SessionTitler({
      client,
      model: 'small-model',
      write: (title) => {
        written.push(title);
        saved = { title, source: 'model' };
      },
      current: () => saved,
      clock: new ManualClock(),
      logger: silentLogger,
      ...(history ? { history } : {}),
    });
  }
  const userOf = (request: ModelRequest | undefined) => JSON.stringify(request?.messages);

  it('titles the session from the first exchange, with the small model', async () => {
    const client = new FakeModelClient([said('"Login cookie expiry."')]);
    const subject = titler(client);
    subject.observe(userText('why do people get logged out after a minute?'));
    assert.equal(client.requests.length, 0, 'not before the answer');
    subject.observe(answer('The session cookie maxAge is 60 s.'));
    await subject.idle();
    assert.deepEqual(written, ['Login cookie expiry']);
    assert.equal(client.requests[0]?.model, 'small-model');
    assert.match(userOf(client.requests[0]), /logged out after a minute.*maxAge is 60 s/);
  });

  it('retitles when a new message starts a new topic, and not when it does not', async () => {
    const client = new FakeModelClient([
      said('Login cookie expiry'),
      said('{"isNewTopic": false, "title": null}'),
      said('{"isNewTopic": true, "title": "Dark mode toggle"}'),
    ]);
    const subject = titler(client);
    subject.observe(userText('why do people get logged out?'));
    subject.observe(answer('The cookie expires.'));
    subject.observe(userText('and make it last a week please'));
    subject.observe(answer('Done.'));
    subject.observe(userText('now add a dark mode toggle to settings'));
    await subject.idle();
    assert.deepEqual(written, ['Login cookie expiry', 'Dark mode toggle']);
    assert.match(
      userOf(client.requests[2]),
      /Current title: Login cookie expiry.*New message:.*dark mode toggle/,
    );
  });

  it('spends no call on a short follow-up', async () => {
    const client = new FakeModelClient([said('Login cookie expiry')]);
    const subject = titler(client);
    subject.observe(userText('why do people get logged out?'));
    subject.observe(answer('The cookie expires.'));
    subject.observe(userText('yes, do it'));
    await subject.idle();
    assert.equal(client.requests.length, 1);
  });

  it('never replaces a title the person gave, even one given while a call ran', async () => {
    const client = new FakeModelClient([said('Model title')]);
    const subject = titler(client);
    subject.observe(userText('why do people get logged out?'));
    subject.observe(answer('The cookie expires.'));
    saved = { title: 'My name for it', source: 'person' };
    await subject.idle();
    subject.observe(userText('now add a dark mode toggle to settings'));
    await subject.idle();
    assert.deepEqual(written, []);
    assert.equal(client.requests.length, 1, 'no topic check once the person named it');
  });

  it('keeps the first words when the call fails or answers nothing', async () => {
    for (const reply of [{ error: { kind: 'server' as const, message: '500' } }, said('   ')]) {
      const subject = titler(new FakeModelClient([reply]));
      subject.observe(userText('why do people get logged out?'));
      subject.observe(answer('The cookie expires.'));
      await subject.idle();
    }
    assert.deepEqual(written, []);
  });

  it('knows a resumed session was answered: its next message is a topic check', async () => {
    const client = new FakeModelClient([said('{"isNewTopic": true, "title": "Dark mode"}')]);
    saved = { title: 'Login cookie expiry', source: 'model' };
    const subject = titler(client, [
      userText('why do people get logged out?'),
      answer('The cookie expires.'),
    ]);
    subject.observe(userText('now add a dark mode toggle to settings'));
    await subject.idle();
    assert.match(userOf(client.requests[0]), /New message/);
    assert.deepEqual(written, ['Dark mode']);
  });

  it('never holds up the turn: the agent answers while the title call hangs', async () => {
    const hanging: ModelClient = {
      provider: 'hanging',
      describe: (id) => new FakeModelClient([]).describe(id),
      async *stream(request): AsyncIterable<ModelStreamEvent> {
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
        yield { type: 'error', error: { kind: 'aborted', message: 'aborted' } };
      },
    };
    const subject = titler(hanging);
    const entries: TranscriptEntry[] = [];
    const agent = new Agent({
      sessionId: 's',
      client: new FakeModelClient([said('The cookie expires.')]),
      model: 'main-model',
      maxTurns: 3,
      tools: [],
      ports: testPorts(),
      gate: allowAllGate,
      cwd: '/work',
      system: async () => [],
      transcript: withTitles({ append: (entry) => entries.push(entry) }, subject),
    });
    for await (const _event of agent.submit('why do people get logged out?', new AbortController().signal));
    assert.equal(agent.messages.length, 2, 'the turn ended');
    subject.dispose();
    await subject.idle();
    assert.deepEqual(written, []);
  });
});

describe('cleanTitle', () => {
  for (const [raw, clean] of [
    ['"Fix the login bug."', 'Fix the login bug'],
    ['Title: **Dark mode**', 'Dark mode'],
    ["Don't log out early\nextra line", "Don't log out early"],
    ['「修复登录问题」。', '修复登录问题'],
    ['   ', undefined],
  ] as const) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(clean)}`, () => assert.equal(cleanTitle(raw), clean));
  }
});
