import { estimateTokens } from '../../context/estimate-tokens';
import type { ToolDefinition } from '../../model/model-client';
import type { AnyTool } from '../tool';
import { toolDefinitions } from '../tool-definitions';
import { deferredToolsReminder } from './deferred-tools-reminder';
import { createToolSearchTool } from './tool-search-tool';

/** Estimated tokens MCP tool definitions may take before they are deferred behind ToolSearch. */
export const defaultToolSearchBudgetTokens = 2_000;

/** Options of {@link ToolCatalog}. */
export interface ToolCatalogOptions {
  /** Always sent in full: the built-in tools. */
  tools: readonly AnyTool[];
  /** Tools that may be deferred (MCP servers'), fetched on every {@link ToolCatalog.refresh}. */
  deferrable?: (signal: AbortSignal) => Promise<readonly AnyTool[]>;
  /** Default {@link defaultToolSearchBudgetTokens}. */
  budgetTokens?: number;
}

/**
 * The tools of one conversation and what the model is shown of them. While the deferrable tools'
 * definitions fit the budget they are sent in full; past it the model gets their names in a
 * reminder and a `ToolSearch` tool, and each tool it loads joins the definitions from the next
 * request on, appended after all that was sent before (the last of those carries
 * `cacheBreakpoint`), so the prefix a cache holds stays byte for byte the same. Every tool stays
 * callable either way.
 */
export class ToolCatalog {
  readonly #options: ToolCatalogOptions;
  readonly #searchTool: AnyTool;
  #deferrable: readonly AnyTool[] = [];
  #deferring = false;
  #fixed: ToolDefinition[];
  #loaded: ToolDefinition[] = [];
  #candidates: ToolDefinition[] = [];

  constructor(options: ToolCatalogOptions) {
    this.#options = options;
    this.#searchTool = createToolSearchTool(this);
    this.#fixed = flagLast(toolDefinitions(options.tools));
  }

  /** Fetches the deferrable tools again (starting MCP servers on the first call) and decides deferral. */
  async refresh(signal: AbortSignal): Promise<void> {
    if (!this.#options.deferrable) return;
    this.#deferrable = await this.#options.deferrable(signal);
    const definitions = toolDefinitions(this.#deferrable);
    const budget = this.#options.budgetTokens ?? defaultToolSearchBudgetTokens;
    this.#deferring = estimateTokens(JSON.stringify(definitions)) > budget;
    const shown = this.#deferring
      ? [...this.#options.tools, this.#searchTool]
      : [...this.#options.tools, ...this.#deferrable];
    this.#fixed = flagLast(toolDefinitions(shown));
    this.#candidates = this.#deferring ? definitions : [];
    // A loaded tool stays loaded with its server's current definition, or leaves with its server.
    const current = new Map(this.#candidates.map((definition) => [definition.name, definition]));
    this.#loaded = this.#loaded.flatMap((definition) => current.get(definition.name) ?? []);
  }

  /** Every tool that can run now: built-ins, all deferrable tools (loaded or not) and ToolSearch. */
  get tools(): AnyTool[] {
    return [...this.#options.tools, ...this.#deferrable, ...(this.#deferring ? [this.#searchTool] : [])];
  }

  /** What the next request sends: the fixed definitions (cache breakpoint on the last), then the loaded ones. */
  definitions(): ToolDefinition[] {
    return [...this.#fixed, ...this.#loaded];
  }

  /** Definitions ToolSearch searches: the deferred tools, loaded or not. */
  get searchable(): readonly ToolDefinition[] {
    return this.#candidates;
  }

  /** Makes these definitions part of every later request; returns those that were not loaded yet. */
  load(definitions: readonly ToolDefinition[]): ToolDefinition[] {
    const known = new Set(this.#loaded.map((definition) => definition.name));
    const added = definitions.filter((definition) => !known.has(definition.name));
    this.#loaded.push(...added);
    return added;
  }

  /** The reminder naming the deferred tools, or undefined when nothing is deferred. */
  reminder(): string | undefined {
    return this.#deferring
      ? deferredToolsReminder(this.#candidates.map((definition) => definition.name))
      : undefined;
  }
}

function flagLast(definitions: ToolDefinition[]): ToolDefinition[] {
  const last = definitions.at(-1);
  if (last) last.cacheBreakpoint = true;
  return definitions;
}
