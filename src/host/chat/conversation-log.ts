import type { ConversationEntry } from '../../protocol/conversation-entry';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { TodoItem } from '../../protocol/todo-item';

/**
 * The host's copy of one chat as the panel shows it, kept by applying the same messages the
 * webview receives, so a webview that was hidden or reloaded gets it back whole with `DidLoadChat`.
 */
export class ConversationLog {
  entries: ConversationEntry[];
  todos: TodoItem[];
  #nextId = 0;

  constructor(entries: ConversationEntry[] = [], todos: TodoItem[] = []) {
    this.entries = entries;
    this.todos = todos;
  }

  newId(prefix: string): string {
    this.#nextId += 1;
    return `${prefix}-${Date.now().toString(36)}-${this.#nextId}`;
  }

  apply(message: HostToWebviewMessage): void {
    switch (message.type) {
      case HostMessageType.DidAppendMessage:
        this.#upsert(message.entry);
        break;
      case HostMessageType.DidStreamText: {
        const last = this.entries.at(-1);
        if (last?.kind === 'assistant') last.text += message.text;
        else this.entries.push({ kind: 'assistant', id: this.newId('assistant'), text: message.text });
        break;
      }
      case HostMessageType.DidStartTool:
        this.#upsert({
          kind: 'tool',
          id: message.toolUseId,
          name: message.name,
          summary: message.summary,
          status: 'running',
          isError: false,
        });
        break;
      case HostMessageType.DidUpdateTool:
        this.#update(message.toolUseId, 'tool', (entry) => ({ ...entry, progress: message.progress }));
        break;
      case HostMessageType.DidEndTool: {
        const existing = this.entries.find((entry) => entry.id === message.toolUseId);
        this.#upsert({
          kind: 'tool',
          id: message.toolUseId,
          name: message.name,
          summary: message.summary ?? (existing?.kind === 'tool' ? existing.summary : ''),
          status: message.status,
          durationMs: message.durationMs,
          resultPreview: message.resultPreview,
          isError: message.isError,
        });
        break;
      }
      case HostMessageType.DidChangeTodos:
        this.todos = message.todos;
        break;
      case HostMessageType.DidRequestPermission:
        this.#upsert({
          kind: 'permission',
          id: message.requestId,
          toolName: message.toolName,
          title: message.title,
          reason: message.reason,
          ...(message.suggestedRule !== undefined ? { suggestedRule: message.suggestedRule } : {}),
          ...(message.diff !== undefined ? { diff: message.diff } : {}),
          status: 'pending',
        });
        break;
      case HostMessageType.DidResolvePermission:
        this.#update(message.requestId, 'permission', (entry) => ({ ...entry, status: message.status }));
        break;
      case HostMessageType.DidProposeEdit:
        this.#upsert({
          kind: 'edit',
          id: message.requestId,
          path: message.path,
          diff: message.diff,
          language: message.language,
          status: 'pending',
        });
        break;
      case HostMessageType.DidResolveEdit:
        this.#update(message.requestId, 'edit', (entry) => ({
          ...entry,
          status: message.status,
          ...(message.reason !== undefined ? { reason: message.reason } : {}),
        }));
        break;
      case HostMessageType.DidRetry:
        this.entries.push({
          kind: 'notice',
          id: this.newId('retry'),
          level: 'retry',
          message: message.message,
        });
        break;
      case HostMessageType.DidFail:
        this.entries.push({
          kind: 'notice',
          id: this.newId('error'),
          level: 'error',
          message: message.message,
          code: message.code,
          ...(message.action ? { action: message.action } : {}),
        });
        break;
      case HostMessageType.DidEndTurn:
        this.entries.push({
          kind: 'usage',
          id: this.newId('usage'),
          usage: message.usage,
          ...(message.costUsd !== undefined ? { costUsd: message.costUsd } : {}),
          terminalReason: message.terminalReason,
        });
        break;
      default:
        break;
    }
  }

  #upsert(entry: ConversationEntry): void {
    const index = this.entries.findIndex((existing) => existing.id === entry.id);
    if (index >= 0) this.entries[index] = entry;
    else this.entries.push(entry);
  }

  #update<K extends ConversationEntry['kind']>(
    id: string,
    kind: K,
    change: (entry: Extract<ConversationEntry, { kind: K }>) => ConversationEntry,
  ): void {
    const index = this.entries.findIndex((entry) => entry.id === id && entry.kind === kind);
    const entry = this.entries[index];
    if (entry && entry.kind === kind)
      this.entries[index] = change(entry as Extract<ConversationEntry, { kind: K }>);
  }
}
