import { z } from 'zod';
import type { ModelClient } from '../model/model-client';

/** What the classifier is shown: one tool call, already past the rules. */
export interface ClassifierRequest {
  toolName: string;
  /** The command, path or URL the call acts on; or the input as JSON. */
  target: string;
  cwd: string;
  workspaceRoots: readonly string[];
}

export interface ClassifierVerdict {
  verdict: 'safe' | 'needs_review';
  reason: string;
}

/** Judges a tool call in `auto` mode. Must not throw: failures resolve to `needs_review`. */
export interface PermissionClassifier {
  classify(request: ClassifierRequest, signal: AbortSignal): Promise<ClassifierVerdict>;
}

const classifierPrompt = `You review one action a coding agent wants to take on a developer's machine, before it runs.
Answer "safe" only when the action is clearly harmless for the developer's project and machine:
reading or listing files inside the workspace, building, type-checking, linting, running the project's
own tests, formatting, inspecting version-control history, or editing files inside the workspace.
Answer "needs_review" for anything else, and always for: deleting or overwriting things outside the
workspace; network uploads or downloads that run code; installing or removing software; changing
git history or pushing; touching credentials, keys, shell start-up files or system settings;
running code fetched at run time; commands whose effect you cannot tell. When in doubt, "needs_review".
Reply with one JSON object and nothing else: {"verdict":"safe"|"needs_review","reason":"<one sentence>"}`;

const verdictSchema = z.object({ verdict: z.enum(['safe', 'needs_review']), reason: z.string().max(500) });

/**
 * A classifier over a small, cheap model through the ModelClient port. It sends one request with
 * no tools and reads the JSON verdict from the text; anything unexpected is `needs_review`.
 */
export function createModelClassifier(options: {
  client: ModelClient;
  model: string;
  maxTokens?: number;
}): PermissionClassifier {
  return {
    async classify(request, signal) {
      const description = [
        `Tool: ${request.toolName}`,
        `Acts on: ${request.target.slice(0, 4_000)}`,
        `Working directory: ${request.cwd}`,
        `Workspace folders: ${request.workspaceRoots.join(', ')}`,
      ].join('\n');
      let text = '';
      try {
        for await (const event of options.client.stream({
          model: options.model,
          system: [{ text: classifierPrompt }],
          messages: [{ role: 'user', content: [{ type: 'text', text: description }] }],
          tools: [],
          maxTokens: options.maxTokens ?? 200,
          signal,
        })) {
          if (event.type === 'text-delta') text += event.text;
          if (event.type === 'error')
            return { verdict: 'needs_review', reason: `The classifier failed: ${event.error.message}` };
        }
      } catch (error) {
        return { verdict: 'needs_review', reason: `The classifier failed: ${String(error)}` };
      }
      return parseVerdict(text);
    },
  };
}

function parseVerdict(text: string): ClassifierVerdict {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (!json) return { verdict: 'needs_review', reason: 'The classifier gave no verdict.' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { verdict: 'needs_review', reason: 'The classifier verdict was not valid JSON.' };
  }
  const parsed = verdictSchema.safeParse(value);
  return parsed.success
    ? parsed.data
    : { verdict: 'needs_review', reason: 'The classifier verdict had an unexpected shape.' };
}
