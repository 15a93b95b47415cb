import * as vscode from 'vscode';
import type { ChatSummary } from '../../protocol/chat-state';
import type { TandemHost } from '../tandem-host';
import type { ChatHistory } from './chat-history';

/** The history commands contributed in package.json. */
export const historyCommandIds = {
  searchChats: 'tandem.searchChats',
  renameChat: 'tandem.renameChat',
  deleteChat: 'tandem.deleteChat',
  exportChat: 'tandem.exportChat',
} as const;

interface ChatItem extends vscode.QuickPickItem {
  chatId: string;
}

const buttons = {
  rename: { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Rename' },
  export: { iconPath: new vscode.ThemeIcon('markdown'), tooltip: 'Export as Markdown' },
  remove: { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete' },
};

/** Waits between keystrokes before searching conversations, in ms. */
const searchDelayMs = 150;

/**
 * `Search Chats…` (also `Show History`): every chat of this workspace, filtered as the person
 * types — titles at once, conversations as their transcripts are read — with rename, export and
 * delete buttons on each row; picking one shows it in the panel, resuming its session.
 */
export async function searchChats(options: {
  host(): Promise<TandemHost>;
  focus(): Promise<void>;
}): Promise<void> {
  const { history } = await options.host();
  const picker = vscode.window.createQuickPick<ChatItem>();
  picker.title = 'Tandem: Chats';
  picker.placeholder = 'Search titles and conversations';
  picker.matchOnDetail = true;
  let search: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const showAll = (): void => {
    picker.items = history.list().map((chat) => itemOf(chat, undefined));
  };
  const refresh = (query: string) => {
    search?.abort();
    clearTimeout(timer);
    if (query.trim() === '') {
      showAll();
      return;
    }
    const controller = new AbortController();
    search = controller;
    timer = setTimeout(() => {
      picker.busy = true;
      const items: ChatItem[] = [];
      void history
        .search(query, {
          signal: controller.signal,
          onMatch: (match) => {
            if (controller.signal.aborted) return;
            items.push({ ...itemOf(match.chat, match.snippet), alwaysShow: true });
            picker.items = [...items];
          },
        })
        .finally(() => {
          if (search !== controller) return;
          picker.busy = false;
          if (items.length === 0) picker.items = [];
        });
    }, searchDelayMs);
  };
  picker.onDidChangeValue(refresh);
  picker.onDidTriggerItemButton(async ({ item, button }) => {
    picker.hide();
    if (button === buttons.rename) await renameChat(history, item.chatId);
    else if (button === buttons.export) await exportChat(history, item.chatId);
    else await deleteChat(history, item.chatId);
  });
  picker.onDidAccept(async () => {
    const chosen = picker.selectedItems[0];
    picker.hide();
    if (!chosen) return;
    await options.focus();
    if (!history.open(chosen.chatId))
      void vscode.window.showWarningMessage('Tandem: that chat no longer exists.');
  });
  picker.onDidHide(() => {
    search?.abort();
    clearTimeout(timer);
    picker.dispose();
  });
  showAll();
  picker.show();
}

/** Asks for a new title (the current one prefilled) and saves it. */
export async function renameChat(history: ChatHistory, chatId: string): Promise<void> {
  const current = history.list().find((chat) => chat.id === chatId);
  const title = await vscode.window.showInputBox({
    title: 'Tandem: Rename Chat',
    value: current?.title ?? '',
    prompt: 'Automatic titles never replace a name you give.',
    validateInput: (value) => (value.trim() === '' ? 'A title cannot be empty.' : undefined),
  });
  if (title === undefined) return;
  const outcome = history.rename(chatId, title);
  if (!outcome.ok) void vscode.window.showWarningMessage(`Tandem: ${outcome.message}`);
}

/** Deletes after a modal confirmation; the transcript goes to the trash. */
export async function deleteChat(history: ChatHistory, chatId: string): Promise<void> {
  const title = history.list().find((chat) => chat.id === chatId)?.title ?? 'this chat';
  const confirmed = await vscode.window.showWarningMessage(
    `Delete “${title}”?`,
    { modal: true, detail: 'Its saved conversation goes to the trash, where the system has one.' },
    'Delete',
  );
  if (confirmed !== 'Delete') return;
  const outcome = await history.delete(chatId);
  if (!outcome.ok) void vscode.window.showWarningMessage(`Tandem: ${outcome.message}`);
}

/** Opens the chat as an untitled Markdown document, to read, save anywhere or share. */
export async function exportChat(history: ChatHistory, chatId: string): Promise<void> {
  const markdown = history.exportMarkdown(chatId);
  if (markdown === undefined) {
    void vscode.window.showWarningMessage('Tandem: this chat is not saved yet: send a message first.');
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: false });
}

/** The history commands; each acts on the chat it is given (an id), else on the shown one. */
export function registerHistoryCommands(options: {
  host(): Promise<TandemHost>;
  focus(): Promise<void>;
}): vscode.Disposable[] {
  const onChat =
    (action: (history: ChatHistory, chatId: string) => Promise<void>) =>
    async (chatId?: unknown): Promise<void> => {
      const host = await options.host();
      const id = typeof chatId === 'string' ? chatId : host.chats.activeChatId;
      if (id === undefined) return;
      await action(host.history, id);
    };
  return [
    vscode.commands.registerCommand(historyCommandIds.searchChats, () => searchChats(options)),
    vscode.commands.registerCommand(historyCommandIds.renameChat, onChat(renameChat)),
    vscode.commands.registerCommand(historyCommandIds.deleteChat, onChat(deleteChat)),
    vscode.commands.registerCommand(historyCommandIds.exportChat, onChat(exportChat)),
  ];
}

function itemOf(chat: ChatSummary, snippet: string | undefined): ChatItem {
  return {
    chatId: chat.id,
    label: chat.title,
    description: `${chat.busy ? '$(sync~spin) ' : ''}${new Date(chat.updatedAt).toLocaleString()}`,
    ...(snippet === undefined ? {} : { detail: snippet }),
    buttons: [buttons.rename, buttons.export, buttons.remove],
  };
}
