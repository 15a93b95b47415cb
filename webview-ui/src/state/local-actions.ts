import type { Attachment } from '../../../src/protocol/attachment';
import { type PanelView, composerKey } from '../../../src/protocol/panel-view';

// What the person does in the panel before the host confirms it. Host messages are reduced by
// `reducePanel` alone; these only record what was typed and sent, so nothing is lost meanwhile.

/** The composer's text as typed; an error shown under it goes once the person edits. */
export function typeInComposer(view: PanelView, chatId: string | null, text: string): PanelView {
  const key = composerKey(chatId);
  const { [key]: _error, ...composerErrors } = view.composerErrors;
  return { ...view, composer: { ...view.composer, [key]: text }, composerErrors };
}

/** A sent message waits in the outbox (and stays in the composer) until the host replies. */
export function queueOutgoing(
  view: PanelView,
  message: { requestId: string; chatId: string | null; text: string; attachments: Attachment[] },
): PanelView {
  return { ...view, outbox: [...view.outbox, message] };
}

/** An answer to a prompt or preview is on its way: its buttons wait for the host's outcome. */
export function markAnswering(
  view: PanelView,
  target: { requestId: string; chatId: string; composerText?: string },
): PanelView {
  const { requestId, ...pending } = target;
  return { ...view, answering: { ...view.answering, [requestId]: pending } };
}

/** A queued message's new text is on its way; if it was sent meanwhile, the text comes back. */
export function trackQueueEdit(
  view: PanelView,
  target: { requestId: string; chatId: string; text: string },
): PanelView {
  const { requestId, ...edit } = target;
  return { ...view, queueEdits: { ...view.queueEdits, [requestId]: edit } };
}

/** Hides the panel-wide error. */
export function dismissError(view: PanelView): PanelView {
  return view.error === null ? view : { ...view, error: null };
}

/** A fresh id for a request or message, unique within this page and across reloads. */
export function newRequestId(prefix: string): string {
  const random = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}-${Date.now().toString(36)}-${random[0]?.toString(36) ?? ''}${random[1]?.toString(36) ?? ''}`;
}
