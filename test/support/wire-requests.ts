import type { RecordedRequest } from './scripted-turn';

/** A message of the Messages API as the scripted server received it. */
export interface WireMessage {
  role: string;
  content: string | { type: string; text?: string; content?: unknown; tool_use_id?: string }[];
}

interface WireBody {
  system?: { text: string }[];
  messages: WireMessage[];
  tools?: unknown[];
}

/** The body of an Anthropic request. */
export function bodyOf(request: RecordedRequest): WireBody {
  return request.body as WireBody;
}

/** The messages of a request as JSON strings without their cache breakpoints, to compare prefixes. */
export function comparableMessages(request: RecordedRequest): string[] {
  return bodyOf(request).messages.map((message) =>
    JSON.stringify(message, (key, value: unknown) => (key === 'cache_control' ? undefined : value)),
  );
}

/** The text of a wire message's text blocks. */
export function wireText(message: WireMessage | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  return message.content.map((block) => block.text ?? '').join('\n');
}

/** A compaction's summary call over the conversation's cached prefix (it ends with the instruction). */
export function isCompactionRequest(request: RecordedRequest): boolean {
  return /write the hand-over summary/.test(wireText(bodyOf(request).messages.at(-1)));
}

/** A compaction's summary call over a rendered transcript (after "prompt too long"). */
export function isTranscriptSummaryRequest(request: RecordedRequest): boolean {
  return /hand-over summary of a coding session/.test(bodyOf(request).system?.[0]?.text ?? '');
}

/** A context collapse's summary call. */
export function isCollapseRequest(request: RecordedRequest): boolean {
  return /one stretch of a coding session/.test(bodyOf(request).system?.[0]?.text ?? '');
}

/** A request of the conversation itself (not a summary call). */
export function isConversationRequest(request: RecordedRequest): boolean {
  return !isCompactionRequest(request) && !isTranscriptSummaryRequest(request) && !isCollapseRequest(request);
}

/** Whether `longer` begins with every message of `shorter`, byte for byte. */
export function extendsRequest(longer: RecordedRequest, shorter: RecordedRequest): boolean {
  const prefix = comparableMessages(shorter);
  const messages = comparableMessages(longer);
  return prefix.every((message, index) => messages[index] === message);
}
