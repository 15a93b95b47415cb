import { strict as assert } from 'node:assert';
import { chatHarness, gate, textOf, waitFor } from './chat-harness';

/** A chat whose turns each wait for the test to release them, recording their prompts. */
function gatedChat() {
  const prompts: string[] = [];
  const gates = [gate(), gate(), gate()];
  const host = chatHarness(async function* (prompt, signal) {
    const index = prompts.push(textOf(prompt)) - 1;
    const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    await Promise.race([gates[index]?.wait, aborted]);
    if (signal.aborted) return 'aborted';
    yield { type: 'text-delta', text: `done: ${textOf(prompt)}` };
    return 'completed';
  });
  return { ...host, prompts, gates };
}

const message = (id: string, text: string) => ({ id, text, attachments: [] });

describe('typing during a turn (the queue the host holds)', () => {
  it('queues a message sent while the chat runs, and sends it when the turn completes', async () => {
    const { service, prompts, gates } = gatedChat();
    await service.sendAll();
    await service.send(message('m1', 'first'));
    const queued = await service.send(message('m2', 'second'));
    assert.equal(queued.disposition, 'queued');
    assert.deepEqual(
      service.activeChat?.snapshot.queue.map((entry) => entry.text),
      ['second'],
    );
    assert.deepEqual(prompts, ['first'], 'nothing is injected into the running turn');
    gates[0]?.open();
    await waitFor(() => (prompts.length === 2 ? true : undefined));
    assert.deepEqual(prompts, ['first', 'second']);
    assert.deepEqual(service.activeChat?.snapshot.queue, []);
    gates[1]?.open();
    await waitFor(() => (service.activeChat?.busy === false ? true : undefined));
    const users = service.activeChat?.snapshot.entries.filter((entry) => entry.kind === 'user');
    assert.deepEqual(
      users?.map((entry) => entry.id),
      ['m1', 'm2'],
      'each keeps the id the webview gave it',
    );
  });

  it('sends nothing when the person stops: the queue is held until they send it', async () => {
    const { service, prompts, gates } = gatedChat();
    await service.sendAll();
    await service.send(message('m1', 'first'));
    await service.send(message('m2', 'second'));
    service.stop();
    await waitFor(() => (service.activeChat?.busy === false ? true : undefined));
    assert.deepEqual(prompts, ['first']);
    assert.equal(service.activeChat?.snapshot.queueHold, 'stopped');
    service.activeChat?.sendQueued();
    await waitFor(() => (prompts.length === 2 ? true : undefined));
    assert.equal(service.activeChat?.snapshot.queueHold, null);
    gates[1]?.open();
  });

  it('edits and removes queued messages, and says so when one had already been sent', async () => {
    const { service, prompts, gates } = gatedChat();
    await service.sendAll();
    const chat = service.activeChat;
    await service.send(message('m1', 'first'));
    await service.send(message('m2', 'second'));
    await service.send(message('m3', 'third'));
    assert.equal(chat?.changeQueued('m2', { action: 'edit', text: 'second, reworded' }), undefined);
    assert.equal(chat?.changeQueued('m3', { action: 'remove' }), undefined);
    assert.deepEqual(
      chat?.snapshot.queue.map((entry) => entry.text),
      ['second, reworded'],
    );
    gates[0]?.open();
    await waitFor(() => (prompts.length === 2 ? true : undefined));
    assert.equal(prompts[1], 'second, reworded');
    assert.deepEqual(chat?.changeQueued('m2', { action: 'edit', text: 'too late' }), {
      code: 'not-queued',
      message: 'That message had already been sent.',
    });
    gates[1]?.open();
  });

  it('takes a sent message’s attachments out of the draft, keeping ones added since', async () => {
    const { service } = gatedChat();
    const sent = { kind: 'file' as const, path: 'a.ts' };
    const later = { kind: 'file' as const, path: 'b.ts' };
    service.attach(sent);
    service.attach(later);
    service.activeChat?.changeDraftText('look at these');
    await service.send({ id: 'm1', text: 'look at these', attachments: [sent] });
    assert.deepEqual(service.activeChat?.snapshot.draft, { text: '', attachments: [later] });
  });
});
