import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ModelStreamEvent } from '../../../src/core/model/model-client';
import { toLanguageModelMessages, toLanguageModelTools } from '../../../src/host/lm/lm-messages';
import { VscodeLmClient } from '../../../src/host/lm/vscode-lm-client';

describe("the editor's language models (vscode.lm)", () => {
  it('maps the system prompt, tool calls and tool results to language-model messages', () => {
    const messages = toLanguageModelMessages(
      [{ text: 'You are Tandem.' }],
      [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'c1', name: 'Read', input: { file_path: '/a' } }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', toolUseId: 'c1', content: 'text', isError: false }],
        },
      ],
    );
    assert.deepEqual(
      messages.map((message) => message.role),
      [
        vscode.LanguageModelChatMessageRole.User,
        vscode.LanguageModelChatMessageRole.User,
        vscode.LanguageModelChatMessageRole.Assistant,
        vscode.LanguageModelChatMessageRole.User,
      ],
    );
    const call = messages[2]?.content[0];
    assert.ok(call instanceof vscode.LanguageModelToolCallPart);
    assert.equal(call.callId, 'c1');
    const result = messages[3]?.content[0];
    assert.ok(result instanceof vscode.LanguageModelToolResultPart);
    assert.equal(result.callId, 'c1');
    assert.deepEqual(
      toLanguageModelTools([{ name: 'Read', description: 'd', inputSchema: { type: 'object' } }]),
      [{ name: 'Read', description: 'd', inputSchema: { type: 'object' } }],
    );
  });

  it('ends with one actionable error when the editor offers no model (no Copilot here)', async () => {
    const models = await vscode.lm.selectChatModels();
    if (models.length > 0) return;
    const events: ModelStreamEvent[] = [];
    for await (const event of new VscodeLmClient().stream({
      model: '',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: [],
      maxTokens: 100,
      signal: new AbortController().signal,
    })) {
      events.push(event);
    }
    assert.equal(events.length, 1);
    const [only] = events;
    assert.equal(only?.type, 'error');
    assert.match(only?.type === 'error' ? only.error.message : '', /No editor language model/);
  });
});
