import type { LoopEvent } from '../../core/loop/loop-event';
import type { ToolResultContent } from '../../core/tools/tool';
import { HostMessageType } from '../../protocol/message-type';
import type { ChatMessage } from '../../protocol/host-to-webview-message';

/** Longest tool result head sent to the panel. */
export const resultPreviewChars = 2_000;

/** The head of a tool result as text, for a tool card. */
export function previewOf(content: ToolResultContent): string {
  const text =
    typeof content === 'string'
      ? content
      : content
          .map((block) => (block.type === 'text' ? block.text : `[image ${block.mediaType}]`))
          .join('\n');
  return text.length > resultPreviewChars ? `${text.slice(0, resultPreviewChars)}…` : text;
}

/**
 * Maps one loop event to the panel messages it causes (often none: deltas of tool input, usage and
 * appended messages are not shown). Pure; the chat session owns the sending.
 */
export function mapLoopEvent(chatId: string, event: LoopEvent): ChatMessage[] {
  switch (event.type) {
    case 'text-delta':
      return [{ type: HostMessageType.DidStreamText, chatId, text: event.text }];
    case 'tool-execution-start':
      return [
        {
          type: HostMessageType.DidStartTool,
          chatId,
          toolUseId: event.toolUseId,
          name: event.name,
          summary: event.summary,
        },
      ];
    case 'tool-execution-progress':
      return [
        { type: HostMessageType.DidUpdateTool, chatId, toolUseId: event.toolUseId, progress: event.text },
      ];
    case 'tool-execution-end':
      return [
        {
          type: HostMessageType.DidEndTool,
          chatId,
          toolUseId: event.toolUseId,
          name: event.name,
          status: event.result.isError ? 'error' : 'done',
          durationMs: event.durationMs,
          resultPreview: previewOf(event.result.content),
          isError: event.result.isError,
        },
      ];
    case 'todos-change':
      return [{ type: HostMessageType.DidChangeTodos, chatId, todos: [...event.todos] }];
    case 'retry-schedule':
      return [
        {
          type: HostMessageType.DidRetry,
          chatId,
          attempt: Math.max(1, event.attempt),
          maxAttempts: Math.max(1, event.maxAttempts),
          delayMs: event.delayMs,
          message: event.error.message,
        },
      ];
    case 'loop-error':
      return [
        {
          type: HostMessageType.DidFail,
          chatId,
          code: event.error.kind,
          message: event.error.message,
          ...(event.error.kind === 'authentication' ? { action: 'set-api-key' as const } : {}),
        },
      ];
    default:
      return [];
  }
}
