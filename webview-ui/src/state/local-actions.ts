import type { Attachment } from '../../../src/protocol/attachment';
import type { EditStatus, PermissionStatus } from '../../../src/protocol/conversation-entry';
import { updateChat } from './apply-host-message';
import type { PanelState } from './panel-state';

/** Marks a prompt answered right away, so its buttons disable before the host confirms. */
export function markPermission(
  state: PanelState,
  target: { chatId: string; requestId: string; status: PermissionStatus },
): PanelState {
  return updateChat(state, target.chatId, (chat) => ({
    ...chat,
    entries: chat.entries.map((entry) =>
      entry.kind === 'permission' && entry.id === target.requestId
        ? { ...entry, status: target.status }
        : entry,
    ),
  }));
}

/** Marks an edit preview answered right away (`open-diff` leaves it pending, so it is not marked). */
export function markEdit(
  state: PanelState,
  target: { chatId: string; requestId: string; status: EditStatus; reason?: string },
): PanelState {
  return updateChat(state, target.chatId, (chat) => ({
    ...chat,
    entries: chat.entries.map((entry) =>
      entry.kind === 'edit' && entry.id === target.requestId
        ? { ...entry, status: target.status, reason: target.reason ?? entry.reason }
        : entry,
    ),
  }));
}

/** Remembers which chat an attach request belongs to, so the reply lands in the right composer. */
export function trackAttachRequest(
  state: PanelState,
  target: { chatId: string; requestId: string },
): PanelState {
  return { ...state, pendingAttach: { ...state.pendingAttach, [target.requestId]: target.chatId } };
}

/** Replaces a chat's composer attachments (empty after sending). */
export function setDraft(state: PanelState, chatId: string, attachments: Attachment[]): PanelState {
  return { ...state, drafts: { ...state.drafts, [chatId]: attachments } };
}

/** Hides the panel-wide error. */
export function dismissError(state: PanelState): PanelState {
  return state.error === null ? state : { ...state, error: null };
}
