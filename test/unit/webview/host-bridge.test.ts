import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../src/protocol/message-type';
import type { WebviewToHostMessage } from '../../../src/protocol/webview-to-host-message';
import { type MessageSource, connectHost } from '../../../webview-ui/src/host-bridge';
import { type PanelView, initialPanelView } from '../../../src/protocol/panel-view';
import { queueOutgoing, typeInComposer } from '../../../webview-ui/src/state/local-actions';
import { fromPersisted } from '../../../webview-ui/src/state/persisted-state';
import { createStore } from '../../../webview-ui/src/state/store';
import { entriesOf } from './support/host-messages';

function fakePage() {
  const target = new EventTarget() as EventTarget & MessageSource;
  const saved: unknown[] = [];
  const api = {
    posted: [] as WebviewToHostMessage[],
    postMessage(message: WebviewToHostMessage) {
      this.posted.push(message);
    },
    getState: () => saved.at(-1),
    setState: (state: unknown) => saved.push(state),
  };
  const deliver = (data: unknown): void => {
    const event = new Event('message') as Event & { data: unknown };
    Object.defineProperty(event, 'data', { value: data });
    target.dispatchEvent(event);
  };
  return { target, api, saved, deliver };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('connectHost', () => {
  it('applies a burst of deltas in one store update and drops invalid messages', async () => {
    const page = fakePage();
    const store = createStore<PanelView>(initialPanelView());
    let updates = 0;
    store.subscribe(() => {
      updates += 1;
    });
    const invalid: string[] = [];
    const dispose = connectHost({
      store,
      api: page.api,
      target: page.target,
      persistDelayMs: 10,
      onInvalid: (issues) => invalid.push(issues),
    });
    for (const text of ['a', 'b', 'c'])
      page.deliver({
        type: HostMessageType.DidStreamText,
        chatId: 'c1',
        text,
      } satisfies HostToWebviewMessage);
    page.deliver({ type: HostMessageType.DidStreamText, chatId: 'c1', text: 42 });
    page.deliver('<script>');
    await wait(150);
    assert.equal(updates, 1);
    assert.equal(invalid.length, 2);
    const last = entriesOf(store.getState(), 'c1')[0];
    assert.equal(last?.kind === 'assistant' && last.text, 'abc');
    await wait(30);
    assert.deepEqual(entriesOf(fromPersisted(page.saved.at(-1)), 'c1'), entriesOf(store.getState(), 'c1'));
    dispose();
  });

  it('delivers a message sent before the host answered once it has, and again from a reloaded page', async () => {
    const page = fakePage();
    const waiting = queueOutgoing(initialPanelView(), {
      requestId: 'm1',
      chatId: null,
      text: 'hi',
      attachments: [],
    });
    const store = createStore<PanelView>(waiting);
    const dispose = connectHost({ store, api: page.api, target: page.target });
    store.setState((view) => ({ ...view }));
    assert.deepEqual(page.api.posted, [], 'nothing goes out before the host says which chat is shown');
    page.deliver({
      type: HostMessageType.DidChangeChats,
      chats: [],
      activeChatId: 'c1',
    } satisfies HostToWebviewMessage);
    await wait(150);
    const sent = {
      type: WebviewMessageType.SendMessageRequest,
      requestId: 'm1',
      chatId: 'c1',
      text: 'hi',
      attachments: [],
    };
    assert.deepEqual(page.api.posted, [sent]);
    dispose();

    const reloaded = fakePage();
    const again = createStore<PanelView>(fromPersisted(page.saved.at(-1)));
    const disposeAgain = connectHost({ store: again, api: reloaded.api, target: reloaded.target });
    reloaded.deliver({
      type: HostMessageType.DidChangeChats,
      chats: [],
      activeChatId: 'c1',
    } satisfies HostToWebviewMessage);
    await wait(150);
    assert.deepEqual(reloaded.api.posted, [sent], 'an unanswered message is sent again under the same id');
    disposeAgain();
  });

  it('mirrors the composer text to the host, so a restart keeps the draft', async () => {
    const page = fakePage();
    const store = createStore<PanelView>(initialPanelView());
    const dispose = connectHost({ store, api: page.api, target: page.target, draftDelayMs: 0 });
    store.setState((view) => typeInComposer(view, 'c1', 'half a thought'));
    await wait(20);
    assert.deepEqual(page.api.posted, [
      { type: WebviewMessageType.ChangeDraftCommand, chatId: 'c1', text: 'half a thought' },
    ]);
    dispose();
  });

  it('stops listening once disposed', async () => {
    const page = fakePage();
    const store = createStore<PanelView>(initialPanelView());
    const dispose = connectHost({ store, api: page.api, target: page.target });
    dispose();
    page.deliver({ type: HostMessageType.DidStreamText, chatId: 'c1', text: 'late' });
    await wait(150);
    assert.deepEqual(store.getState().chats, {});
  });
});
