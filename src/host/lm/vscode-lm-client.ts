import * as vscode from 'vscode';
import type { AssistantBlock } from '../../core/messages/message';
import { emptyUsage } from '../../core/messages/message';
import { describeModel } from '../../core/model/model-catalog';
import type {
  ModelClient,
  ModelError,
  ModelInfo,
  ModelRequest,
  ModelStreamEvent,
} from '../../core/model/model-client';
import { toLanguageModelMessages, toLanguageModelTools } from './lm-messages';

/** The provider id the panel and settings use for the editor's own models. */
export const vscodeLmProvider = 'vscode-lm';

function toModelError(error: unknown, signal: AbortSignal): ModelError {
  if (signal.aborted || error instanceof vscode.CancellationError)
    return { kind: 'aborted', message: 'Aborted.' };
  if (error instanceof vscode.LanguageModelError) {
    const kind =
      error.code === 'NoPermissions'
        ? 'authentication'
        : error.code === 'Blocked'
          ? 'rate_limit'
          : 'invalid_request';
    return { kind, message: error.message || error.code };
  }
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The editor's language models (`vscode.lm`, e.g. Copilot) as a ModelClient, so a person with
 * such a model needs no key. Usage is not reported by the API and counts as 0. `stream` never
 * throws: every failure ends with one `error` event. An empty model id picks the first model.
 */
export class VscodeLmClient implements ModelClient {
  readonly provider = vscodeLmProvider;
  readonly #limits = new Map<string, number>();

  describe(modelId: string): ModelInfo {
    const contextWindow = this.#limits.get(modelId);
    return describeModel(modelId, {
      provider: this.provider,
      overrides: contextWindow ? { contextWindow } : undefined,
    });
  }

  /** Models the editor offers now, for the model picker. */
  static async available(): Promise<{ id: string; label: string }[]> {
    const models = await vscode.lm.selectChatModels();
    return models.map((model) => ({ id: model.id, label: `${model.name} (${model.vendor})` }));
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelStreamEvent> {
    const { signal } = request;
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancellation.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const models = await vscode.lm.selectChatModels(request.model ? { id: request.model } : undefined);
      const model = models[0];
      if (!model) {
        yield {
          type: 'error',
          error: {
            kind: 'invalid_request',
            message: `No editor language model ${request.model ? `with id "${request.model}"` : 'is available'}. Install a model provider (e.g. GitHub Copilot) or pick another Tandem provider.`,
          },
        };
        return;
      }
      this.#limits.set(request.model, model.maxInputTokens);
      const response = await model.sendRequest(
        toLanguageModelMessages(request.system, request.messages),
        { tools: toLanguageModelTools(request.tools), toolMode: vscode.LanguageModelChatToolMode.Auto },
        cancellation.token,
      );
      yield { type: 'message-start', model: model.id };
      yield* this.#events(response.stream);
    } catch (error) {
      yield { type: 'error', error: toModelError(error, signal) };
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancellation.dispose();
    }
  }

  async *#events(stream: AsyncIterable<unknown>): AsyncGenerator<ModelStreamEvent> {
    let index = 0;
    let text: string | undefined;
    let toolCalls = 0;
    const closeText = function* (): Generator<ModelStreamEvent> {
      if (text === undefined) return;
      const block: AssistantBlock = { type: 'text', text };
      yield { type: 'block-complete', index, block };
      index += 1;
      text = undefined;
    };
    for await (const part of stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        text = (text ?? '') + part.value;
        yield { type: 'text-delta', index, text: part.value };
      } else if (part instanceof vscode.LanguageModelToolCallPart) {
        yield* closeText();
        toolCalls += 1;
        const partialJson = JSON.stringify(part.input);
        yield { type: 'tool-input-delta', index, id: part.callId, name: part.name, partialJson };
        yield {
          type: 'block-complete',
          index,
          block: { type: 'tool_use', id: part.callId, name: part.name, input: part.input },
        };
        index += 1;
      }
    }
    yield* closeText();
    yield {
      type: 'message-complete',
      stopReason: toolCalls > 0 ? 'tool_use' : 'end_turn',
      usage: emptyUsage(),
    };
  }
}
