import { composerKey } from '../../../src/protocol/panel-view';
import { usePanelState } from '../panel-context';

/**
 * What is typed in the chat's message box, trimmed, when it can go with a Reject or Deny as the
 * reason: there is some, and it is not already on its way as a message. Otherwise undefined.
 */
export function useComposerReason(chatId: string): string | undefined {
  return usePanelState((view) => {
    const key = composerKey(chatId);
    const text = view.composer[key]?.trim() ?? '';
    const sending = view.outbox.some((outgoing) => composerKey(outgoing.chatId) === key);
    return text === '' || sending ? undefined : text;
  });
}
