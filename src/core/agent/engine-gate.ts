import type { GateDecision, PermissionGate } from '../execution/permission-gate';
import type { HookRunner } from '../hooks/hook-runner';
import type { Approver, Logger } from '../ports';
import { applyApprovalAnswer } from '../permissions/approval-answer';
import type { PermissionDecision } from '../permissions/permission-decision';
import type { PermissionEngine } from '../permissions/permission-engine';
import type { FileWriter } from '../tools/file-writer';
import type { AnyTool, ToolContext } from '../tools/tool';

export interface EngineGateOptions {
  engine: PermissionEngine;
  approver: Approver;
  /**
   * For edits that need asking: a writer that shows the change and writes only what the person
   * accepts (the panel's diff preview, or the terminal prompt). The preview is the question.
   */
  reviewingWriter: FileWriter;
  hooks?: HookRunner;
  logger: Logger;
  /** "Allow always" with a project or user scope: the caller writes the rule to settings. */
  persistRule?(rule: string, scope: 'project' | 'user'): Promise<void>;
}

/**
 * The permission layers in order: PreToolUse hooks, then the rule engine (rules → checks → mode →
 * the tool's own check → default), then the person. Denials return a message naming what decided.
 */
export class EngineGate implements PermissionGate {
  constructor(private readonly options: EngineGateOptions) {}

  async check(tool: AnyTool, input: unknown, context: ToolContext): Promise<GateDecision> {
    const hook = await this.#preToolUseHook(tool, input, context);
    if (hook?.behavior === 'deny') return hook;
    const decision = await this.options.engine.decide(tool, input, context);
    this.options.logger.debug(`permission ${tool.name}: ${decision.behavior} (${describeDecider(decision)})`);
    if (decision.behavior === 'deny') return { behavior: 'deny', message: denialMessage(decision) };
    // A hook may pre-approve what the defaults or the tool itself would ask about (an MCP tool asks
    // by default), never what a rule or check escalated.
    const hookApproves =
      hook?.behavior === 'allow' &&
      (decision.decidedBy.kind === 'default' || decision.decidedBy.kind === 'tool');
    if (decision.behavior === 'allow' || hookApproves) return { behavior: 'allow' };
    if (tool.permissionKind === 'edit') return { behavior: 'allow', writer: this.options.reviewingWriter };
    return this.#ask(tool, input, context, decision);
  }

  async #ask(
    tool: AnyTool,
    input: unknown,
    context: ToolContext,
    decision: PermissionDecision,
  ): Promise<GateDecision> {
    // The prompt shows what will actually run (the command, path or URL), not the model's own label.
    const what = tool.permissionTarget(input, context) ?? tool.summarize(input);
    this.#notify(`Tandem needs your permission to use ${tool.name}`, context.signal);
    const answer = await this.options.approver.ask(
      {
        toolUseId: context.toolUseId,
        toolName: tool.name,
        input,
        title: what ? `${tool.name}: ${what}` : tool.name,
        reason: decision.reason,
        ...(decision.suggestedRule ? { suggestedRule: decision.suggestedRule } : {}),
        ...(decision.diff ? { diff: decision.diff } : {}),
      },
      context.signal,
    );
    const outcome = applyApprovalAnswer(this.options.engine, answer);
    switch (outcome.kind) {
      case 'allow-once':
        return { behavior: 'allow' };
      case 'allow-always':
        if (outcome.scope !== 'session') await this.options.persistRule?.(outcome.rule, outcome.scope);
        return { behavior: 'allow' };
      case 'invalid-rule':
        this.options.logger.warn(`"Allow always" produced an invalid rule: ${outcome.error}`);
        return { behavior: 'allow' };
      case 'deny':
        return { behavior: 'deny', message: `The person denied this ${tool.name} call: ${outcome.message}` };
    }
  }

  /** Notification hooks (desktop alerts, chat pings) run beside the prompt; they never delay it. */
  #notify(message: string, signal: AbortSignal): void {
    const hooks = this.options.hooks;
    const event = { event: 'Notification' as const, message };
    if (hooks?.has(event)) void hooks.run(event, signal);
  }

  async #preToolUseHook(
    tool: AnyTool,
    input: unknown,
    context: ToolContext,
  ): Promise<GateDecision | undefined> {
    const hooks = this.options.hooks;
    if (!hooks) return undefined;
    const event = {
      event: 'PreToolUse' as const,
      toolName: tool.name,
      toolInput: input,
      toolUseId: context.toolUseId,
    };
    if (!hooks.has(event)) return undefined;
    const outcome = await hooks.run(event, context.signal);
    for (const message of outcome.messages) this.options.logger.warn(`PreToolUse hook: ${message.text}`);
    if (outcome.blocked || outcome.permissionDecision === 'deny') {
      const reason = outcome.blockReason ?? outcome.permissionReason ?? 'no reason given';
      return { behavior: 'deny', message: `A PreToolUse hook blocked this ${tool.name} call: ${reason}` };
    }
    if (outcome.permissionDecision === 'allow') return { behavior: 'allow' };
    return undefined;
  }
}

function describeDecider(decision: PermissionDecision): string {
  const by = decision.decidedBy;
  switch (by.kind) {
    case 'rule':
      return `rule ${by.rule} from ${by.source.source} settings`;
    case 'mode':
      return `mode ${by.mode}`;
    case 'check':
      return `check ${by.check}`;
    case 'classifier':
      return `classifier: ${by.verdict}`;
    default:
      return by.kind;
  }
}

function denialMessage(decision: PermissionDecision): string {
  const by = decision.decidedBy;
  if (by.kind === 'rule') return `Permission denied by the rule ${by.rule}: ${decision.reason}`;
  return `Permission denied: ${decision.reason}`;
}
