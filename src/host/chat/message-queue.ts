import type { ChatSnapshot, QueueHold, QueuedMessage } from '../../protocol/chat-snapshot';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { WireError } from '../../protocol/wire-error';

/** Options of {@link MessageQueue}. */
export interface MessageQueueOptions {
  chatId: string;
  /** The chat as it is now; the queue lives in its snapshot. */
  chat(): ChatSnapshot;
  emit(message: ChatMessage): void;
}

/**
 * The messages a person sent while the chat was busy, held by the host in the chat snapshot (so a
 * reload or restart keeps them). They go out one per turn, in order, when a turn completes; a
 * stop, a failed turn or a restart holds them until the person sends them.
 */
export class MessageQueue {
  constructor(private readonly options: MessageQueueOptions) {}

  push(message: QueuedMessage): void {
    const { queue, queueHold } = this.options.chat();
    this.#set([...queue, message], queueHold);
  }

  /** Takes the first message to send after a completed turn; none while the queue is held. */
  next(): QueuedMessage | undefined {
    return this.options.chat().queueHold === null ? this.release() : undefined;
  }

  /** Takes the first message whether or not the queue is held (the person said send). */
  release(): QueuedMessage | undefined {
    const [first, ...rest] = this.options.chat().queue;
    if (first !== undefined) this.#set(rest, null);
    return first;
  }

  /** Keeps what is queued from going out on its own, saying why. */
  hold(reason: QueueHold): void {
    const { queue, queueHold } = this.options.chat();
    if (queue.length > 0 && queueHold !== reason) this.#set(queue, reason);
  }

  /** Puts a message that could not start back at the head, held. */
  restore(message: QueuedMessage): void {
    this.#set([message, ...this.options.chat().queue], 'failed');
  }

  /** Edits or removes a queued message; an error when it is no longer queued (it was sent). */
  change(
    messageId: string,
    change: { action: 'edit'; text: string } | { action: 'remove' },
  ): WireError | undefined {
    const { queue, queueHold } = this.options.chat();
    if (!queue.some((queued) => queued.id === messageId)) {
      return { code: 'not-queued', message: 'That message had already been sent.' };
    }
    const next =
      change.action === 'remove'
        ? queue.filter((queued) => queued.id !== messageId)
        : queue.map((queued) => (queued.id === messageId ? { ...queued, text: change.text } : queued));
    this.#set(next, next.length === 0 ? null : queueHold);
    return undefined;
  }

  #set(queue: QueuedMessage[], hold: QueueHold | null): void {
    this.options.emit({ type: HostMessageType.DidChangeQueue, chatId: this.options.chatId, queue, hold });
  }
}
