import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionToolMessageParam,
} from 'openai/resources/chat/completions';
import type {
  AssistantMessage,
  ImageBlock,
  Message,
  TextBlock,
  ToolResultBlock,
  UserMessage,
} from '../../core/messages/message';
import type { ModelRequest, ToolDefinition } from '../../core/model/model-client';
import { toolParameters } from './tool-input';

/**
 * Each history message's chat-completions form, mapped once: messages in a history are never
 * changed, so a turn maps only what it added, not the whole session again.
 */
const mappedMessages = new WeakMap<Message, ChatCompletionMessageParam[]>();

/** Options of {@link toOpenaiParams}. */
export interface OpenaiParamsOptions {
  /**
   * OpenAI's own API wants `max_completion_tokens` (reasoning models reject `max_tokens`); local
   * servers (Ollama, older vLLM) know only `max_tokens`.
   */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Send `reasoning_effort` derived from the thinking budget (o-series, GPT-5). */
  reasoning: boolean;
}

/**
 * The chat-completions body for one streamed call. Pure (the per-message mapping is memoised).
 * System blocks become one system message; tool results become `role: 'tool'` messages, and their
 * images a following user message (tool messages cannot hold images); thinking blocks are dropped,
 * since chat completions has no place for them. OpenAI caches prompt prefixes by itself; the
 * stable order (system, then history) is what keeps them cached.
 */
export function toOpenaiParams(
  request: ModelRequest,
  options: OpenaiParamsOptions,
): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  const system = request.system
    .map((block) => block.text)
    .filter((text) => text.length > 0)
    .join('\n\n');
  if (system) messages.push({ role: 'system', content: system });
  for (const message of request.messages) messages.push(...messageParams(message));

  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  };
  params[options.maxTokensField] = request.maxTokens;
  if (request.tools.length > 0) params.tools = request.tools.map(toTool);
  if (options.reasoning && request.thinkingBudget !== undefined) {
    params.reasoning_effort = effortFor(request.thinkingBudget);
  }
  return params;
}

function toTool(tool: ToolDefinition): ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: toolParameters(tool.inputSchema),
    },
  };
}

function messageParams(message: Message): ChatCompletionMessageParam[] {
  let params = mappedMessages.get(message);
  if (params === undefined) {
    params = toMessages(message);
    mappedMessages.set(message, params);
  }
  return params;
}

function toMessages(message: Message): ChatCompletionMessageParam[] {
  return message.role === 'assistant' ? toAssistant(message) : toUser(message);
}

function toAssistant(message: AssistantMessage): ChatCompletionAssistantMessageParam[] {
  const text = message.content
    .filter((block): block is TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');
  const toolCalls = message.content.flatMap((block) =>
    block.type === 'tool_use'
      ? [
          {
            id: block.id,
            type: 'function' as const,
            // A tool call whose JSON did not parse keeps its raw text; send back what the model wrote.
            function: {
              name: block.name,
              arguments: typeof block.input === 'string' ? block.input : JSON.stringify(block.input),
            },
          },
        ]
      : [],
  );
  if (!text && toolCalls.length === 0) return [];
  const param: ChatCompletionAssistantMessageParam = { role: 'assistant', content: text || null };
  if (toolCalls.length > 0) param.tool_calls = toolCalls;
  return [param];
}

function toUser(message: UserMessage): ChatCompletionMessageParam[] {
  const toolMessages: ChatCompletionToolMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  for (const block of message.content) {
    if (block.type === 'tool_result') {
      const { text, images } = splitToolResult(block);
      toolMessages.push({ role: 'tool', tool_call_id: block.toolUseId, content: text });
      if (images.length > 0) {
        parts.push({ type: 'text', text: `Images from tool result ${block.toolUseId}:` });
        parts.push(...images.map(toImagePart));
      }
    } else if (block.type === 'text') {
      parts.push({ type: 'text', text: block.text });
    } else {
      parts.push(toImagePart(block));
    }
  }
  if (parts.length === 0) return toolMessages;
  // Plain text goes as a string: some local servers accept nothing else.
  const allText = parts.every((part) => part.type === 'text');
  const content = allText ? parts.map((part) => (part.type === 'text' ? part.text : '')).join('\n\n') : parts;
  return [...toolMessages, { role: 'user', content }];
}

function splitToolResult(block: ToolResultBlock): { text: string; images: ImageBlock[] } {
  const marker = block.isError ? '[tool error] ' : '';
  if (typeof block.content === 'string') return { text: marker + block.content, images: [] };
  const text = block.content
    .filter((part): part is TextBlock => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
  const images = block.content.filter((part): part is ImageBlock => part.type === 'image');
  const fallback = images.length > 0 ? '(the result is the image in the next message)' : '(no output)';
  return { text: marker + (text || fallback), images };
}

function toImagePart(image: ImageBlock): ChatCompletionContentPart {
  return { type: 'image_url', image_url: { url: `data:${image.mediaType};base64,${image.data}` } };
}

function effortFor(budget: number): 'low' | 'medium' | 'high' {
  if (budget >= 16_000) return 'high';
  if (budget >= 4_000) return 'medium';
  return 'low';
}
