import type { AssistantMessage, Message, ToolResultBlock } from '../messages/message';
import { isPrompt, promptText } from './session-summary';
import { toolCallSummary } from './tool-call-summary';

/** What heads an export. */
export interface SessionMarkdownOptions {
  title: string;
  /** Epoch ms of the session's start; omitted from the header when undefined. */
  startedAt?: number;
  model?: string;
  cwd?: string;
}

/** Lines of a tool result kept in an export; the rest is counted. */
const resultLines = 20;

/**
 * A session as Markdown, for reading or sharing: the person's messages, the answers, each tool
 * call with its key argument and the head of its result (folded in `<details>`), and where an
 * answer was interrupted. Reminders, thinking and harness turns are left out. Pure.
 */
export function sessionToMarkdown(messages: readonly Message[], options: SessionMarkdownOptions): string {
  const results = new Map<string, ToolResultBlock>();
  for (const message of messages) {
    if (message.role !== 'user') continue;
    for (const block of message.content)
      if (block.type === 'tool_result') results.set(block.toolUseId, block);
  }
  const header = [`# ${options.title}`, ''];
  const facts = [
    options.startedAt === undefined
      ? undefined
      : new Date(options.startedAt).toISOString().replace('T', ' ').slice(0, 16),
    options.model,
    options.cwd === undefined ? undefined : `\`${options.cwd}\``,
  ].filter((fact): fact is string => fact !== undefined && fact !== '');
  if (facts.length > 0) header.push(facts.join(' · '), '');
  const parts: string[] = [];
  let speaker: 'person' | 'assistant' | undefined;
  for (const message of messages) {
    if (isPrompt(message)) {
      const text = promptText(message);
      if (text === '') continue;
      parts.push('## You', '', text, '');
      speaker = 'person';
    } else if (message.role === 'assistant') {
      if (speaker !== 'assistant') parts.push('## Tandem', '');
      speaker = 'assistant';
      parts.push(...assistantParts(message, results));
    }
  }
  return `${[...header, ...parts].join('\n').trimEnd()}\n`;
}

function assistantParts(message: AssistantMessage, results: ReadonlyMap<string, ToolResultBlock>): string[] {
  const parts: string[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && block.text.trim() !== '') parts.push(block.text.trim(), '');
    if (block.type !== 'tool_use') continue;
    const summary = toolCallSummary(block.input);
    const result = results.get(block.id);
    const status = result === undefined ? 'no result' : result.isError ? 'failed' : 'done';
    const body = result === undefined ? '' : resultHead(result);
    if (body === '') {
      const code = summary === '' ? '' : ` \`${summary.replace(/`/g, "'")}\``;
      parts.push(`- **${block.name}**${code} — ${status}`, '');
      continue;
    }
    const code = summary === '' ? '' : ` <code>${escapeHtml(summary)}</code>`;
    const label = `<b>${escapeHtml(block.name)}</b>${code} — ${status}`;
    parts.push(`<details><summary>${label}</summary>\n\n${fence(body)}\n\n</details>`, '');
  }
  if (message.interrupted === true) parts.push('_(interrupted here)_', '');
  return parts;
}

function resultHead(result: ToolResultBlock): string {
  const text =
    typeof result.content === 'string'
      ? result.content
      : result.content.map((part) => (part.type === 'text' ? part.text : '[image]')).join('\n');
  const lines = text.trimEnd().split('\n');
  if (lines.length <= resultLines) return lines.join('\n');
  return [...lines.slice(0, resultLines), `… ${lines.length - resultLines} more lines`].join('\n');
}

/** A code fence longer than any run of backticks inside, so the result cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}\n${text}\n${marks}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
