import * as vscode from 'vscode';
import type { Message } from '../../core/messages/message';
import type { SystemBlock, ToolDefinition } from '../../core/model/model-client';

type UserPart = vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart;
type AssistantPart = vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart;

function resultText(content: string | { type: string; text?: string; mediaType?: string }[]): string {
  if (typeof content === 'string') return content;
  return content
    .map((block) => (block.type === 'text' ? (block.text ?? '') : `[${block.mediaType ?? 'image'} omitted]`))
    .join('\n');
}

/**
 * Our messages as `vscode.lm` chat messages. The API has no system role, so the system prompt
 * opens the first user message; thinking blocks are dropped (no such part), images become a note.
 */
export function toLanguageModelMessages(
  system: readonly SystemBlock[],
  messages: readonly Message[],
): vscode.LanguageModelChatMessage[] {
  const result: vscode.LanguageModelChatMessage[] = [];
  const systemText = system.map((block) => block.text).join('\n\n');
  if (systemText) result.push(vscode.LanguageModelChatMessage.User(systemText));
  for (const message of messages) {
    if (message.role === 'user') {
      const parts: UserPart[] = [];
      for (const block of message.content) {
        if (block.type === 'text') parts.push(new vscode.LanguageModelTextPart(block.text));
        else if (block.type === 'image')
          parts.push(new vscode.LanguageModelTextPart(`[${block.mediaType} image omitted]`));
        else {
          const text = resultText(block.content);
          parts.push(
            new vscode.LanguageModelToolResultPart(block.toolUseId, [
              new vscode.LanguageModelTextPart(block.isError ? `Error: ${text}` : text),
            ]),
          );
        }
      }
      if (parts.length > 0) result.push(vscode.LanguageModelChatMessage.User(parts));
    } else {
      const parts: AssistantPart[] = [];
      for (const block of message.content) {
        if (block.type === 'text' && block.text) parts.push(new vscode.LanguageModelTextPart(block.text));
        else if (block.type === 'tool_use') {
          const input = typeof block.input === 'object' && block.input !== null ? block.input : {};
          parts.push(new vscode.LanguageModelToolCallPart(block.id, block.name, input));
        }
      }
      if (parts.length > 0) result.push(vscode.LanguageModelChatMessage.Assistant(parts));
    }
  }
  return result;
}

/** Our tool definitions as `vscode.lm` tools. */
export function toLanguageModelTools(tools: readonly ToolDefinition[]): vscode.LanguageModelChatTool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
  }));
}
