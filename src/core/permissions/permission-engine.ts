import type { Workspace } from '../ports';
import type { AnyTool, ToolContext } from '../tools/tool';
import { evaluateBash, previewInPlaceEdits } from './bash-permissions';
import type { PermissionClassifier } from './permission-classifier';
import type { PermissionDecision, TargetEvaluation } from './permission-decision';
import type { PermissionMode } from './permission-mode';
import { decided, ruleDecision } from './permission-decision';
import type { ParseRuleResult, PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import { parsePermissionRule } from './permission-rule';
import type { PathContext } from './path-permissions';
import { evaluatePaths } from './path-permissions';
import { toPosixPath } from '../paths/posix-path';
import type { RuleSubject } from './rule-subject';
import { ruleGoverns } from './rule-subject';
import { evaluateTargetRules } from './target-rules';
import { describeWrites, redirectWriteDecision } from './redirect-writes';
import { expandEmbeddedCommands } from './embedded-commands';
import type { ParsedCommand, ShellParser } from './shell-parser';

export interface PermissionEngineOptions {
  rules: RuleSet;
  mode: PermissionMode;
  workspaceRoots: readonly string[];
  /**
   * Folders read-only calls may open without asking, outside the workspace: the session's saved
   * tool results, which the agent is told to Read. Writes there ask as outside the workspace does.
   */
  readRoots?: readonly string[];
  cwd: string;
  home: string;
  /** Compare paths case-insensitively (Windows, default macOS volumes). */
  caseInsensitive: boolean;
  /** Windows: `//server/share` is a UNC share. Default false. */
  windows?: boolean;
  /** VS Code Workspace Trust: untrusted workspaces run read-only tools only and refuse bypass. */
  trusted: boolean;
  /** Undefined when the grammar failed to load: then every command asks. */
  shellParser: ShellParser | undefined;
  /** For realPath and for reading `sed -i` targets; never written through here. */
  workspace: Workspace;
  classifier?: PermissionClassifier;
}

const planModeReason =
  'Tandem is in plan mode: only read-only tools run. Present your plan to the person and wait for their approval before changing anything.';

/**
 * Decides whether one tool call runs, asks, or is refused. Order: deny rules → UNC refusal →
 * untrusted workspace (only read-only tools) → plan mode (only read-only tools) → ask rules →
 * bypass mode → hazards and path checks (ask) → allow rules → acceptEdits → a shell command's
 * redirections into files (edits: accept-edits allows them, else ask) → the tool's own check →
 * read-only inside the workspace runs → auto mode's classifier → ask. Rules apply to a tool by its
 * `permissionKind`. `decide` never throws; an internal failure asks. The engine holds no I/O of
 * its own: paths resolve through the Workspace.
 */
export class PermissionEngine {
  #rules: RuleSet;
  #mode: PermissionMode;
  readonly #options: PermissionEngineOptions;
  #roots: Promise<string[]> | undefined;
  #readRoots: Promise<string[]> | undefined;

  constructor(options: PermissionEngineOptions) {
    this.#options = options;
    this.#rules = {
      allow: [...options.rules.allow],
      ask: [...options.rules.ask],
      deny: [...options.rules.deny],
    };
    this.#mode = options.trusted || options.mode !== 'bypassPermissions' ? options.mode : 'default';
  }

  get mode(): PermissionMode {
    return this.#mode;
  }

  /** Switches mode; refuses bypass in an untrusted workspace (the mode stays as it was). */
  setMode(mode: PermissionMode): { ok: true } | { ok: false; error: string } {
    if (mode === 'bypassPermissions' && !this.#options.trusted) {
      return { ok: false, error: 'Bypass mode is not available until you trust this workspace.' };
    }
    this.#mode = mode;
    return { ok: true };
  }

  /**
   * Replaces the rules from settings after a settings file changed. Rules the person added during
   * this session ("allow always") are kept.
   */
  replaceRules(rules: RuleSet): void {
    const keepSession = (list: readonly PermissionRule[]) =>
      list.filter((rule) => rule.source.source === 'session');
    this.#rules = {
      allow: [...rules.allow, ...keepSession(this.#rules.allow)],
      ask: [...rules.ask, ...keepSession(this.#rules.ask)],
      deny: [...rules.deny, ...keepSession(this.#rules.deny)],
    };
  }

  /** Adds a rule for the rest of the session ("allow always"); invalid text is returned as an error. */
  addSessionRule(text: string, behavior: RuleBehavior = 'allow'): ParseRuleResult {
    const parsed = parsePermissionRule(text, { source: 'session' });
    if (parsed.ok) this.#rules[behavior].push(parsed.rule);
    return parsed;
  }

  /**
   * True when a bare deny rule (`Bash`, `mcp__server`) forbids the whole tool, so the registry can
   * leave it out of what the model sees. A rule named after a kind (`Bash`, `WebFetch`) removes
   * every tool of that kind.
   */
  isToolDenied(tool: RuleSubject): boolean {
    return this.#rules.deny.some((rule) => rule.matcher.kind === 'tool' && ruleGoverns(rule, tool, 'deny'));
  }

  async decide(tool: AnyTool, input: unknown, context: ToolContext): Promise<PermissionDecision> {
    try {
      return await this.#decide(tool, input, context);
    } catch (error) {
      return {
        behavior: 'ask',
        reason: `The permission check failed (${String(error)}); asking instead.`,
        decidedBy: { kind: 'default' },
      };
    }
  }

  async #decide(tool: AnyTool, input: unknown, context: ToolContext): Promise<PermissionDecision> {
    const readOnly = tool.isReadOnly(input) === true;
    const target = tool.permissionTarget(input, context);
    const executes = tool.permissionKind === 'execute';
    const pathContext = await this.#pathContext(context, executes);
    const parsed = executes ? this.#parse(target ?? '') : undefined;
    const evaluation = await this.#evaluate(tool, target, parsed, pathContext);
    const decision =
      this.#beforeAllowRules(evaluation, readOnly) ??
      this.#fromAllowRulesAndMode(tool, evaluation) ??
      (await this.#fromTool(tool, input, context)) ??
      (await this.#fromDefault({ tool, input, target, readOnly, evaluation, context, cwd: pathContext.cwd }));
    if (decision.behavior !== 'ask') return decision;
    const offersRule = decision.decidedBy.kind === 'default' || decision.decidedBy.kind === 'classifier';
    if (offersRule && !decision.suggestedRule && evaluation.suggestedRule)
      decision.suggestedRule = evaluation.suggestedRule;
    const diff = parsed && (await previewInPlaceEdits(parsed, this.#options.workspace, pathContext));
    return diff ? { ...decision, diff } : decision;
  }

  #evaluate(
    tool: RuleSubject,
    target: string | undefined,
    parsed: ParsedCommand | undefined,
    pathContext: PathContext,
  ): Promise<TargetEvaluation> | TargetEvaluation {
    if (parsed) return evaluateBash(parsed, tool, this.#rules, pathContext);
    const kind = tool.permissionKind;
    if (kind === 'read' || kind === 'edit') {
      // A search without a path searches the working directory; an edit without one is unknown.
      const fallback = kind === 'read' ? [pathContext.cwd] : [];
      const paths = target === undefined ? fallback : target.split('\n').filter(Boolean);
      return evaluatePaths(tool, paths, this.#rules, pathContext);
    }
    return evaluateTargetRules(tool, target, this.#rules);
  }

  /** Deny rules, refusals, trust, plan mode, ask rules, bypass, then the always-ask checks. */
  #beforeAllowRules(evaluation: TargetEvaluation, readOnly: boolean): PermissionDecision | undefined {
    const { deny, ask, escalation } = evaluation;
    if (deny) return ruleDecision('deny', deny, `Denied by the permission rule ${deny.text}.`);
    if (escalation?.refuse)
      return decided('deny', escalation.reason, { kind: 'check', check: escalation.check });
    if (!this.#options.trusted && !readOnly) {
      const reason = 'This workspace is not trusted, so only read-only tools run.';
      return decided('deny', reason, { kind: 'check', check: 'untrusted-workspace' });
    }
    if (this.#mode === 'plan' && !readOnly)
      return decided('deny', planModeReason, { kind: 'mode', mode: 'plan' });
    if (ask) return ruleDecision('ask', ask, `The permission rule ${ask.text} asks for this.`);
    if (this.#mode === 'bypassPermissions') {
      return decided('allow', 'Bypass mode runs everything no deny rule forbids.', {
        kind: 'mode',
        mode: 'bypassPermissions',
      });
    }
    if (escalation) return decided('ask', escalation.reason, { kind: 'check', check: escalation.check });
    return undefined;
  }

  #fromAllowRulesAndMode(tool: RuleSubject, evaluation: TargetEvaluation): PermissionDecision | undefined {
    if (evaluation.allow) {
      return ruleDecision(
        'allow',
        evaluation.allow,
        `Allowed by the permission rule ${evaluation.allow.text}.`,
      );
    }
    const acceptsEdits = this.#mode === 'acceptEdits' && evaluation.inside;
    if (acceptsEdits && tool.permissionKind === 'edit' && evaluation.hasPaths) {
      return decided('allow', 'Accept-edits mode allows file edits inside the workspace.', {
        kind: 'mode',
        mode: 'acceptEdits',
      });
    }
    // In auto mode the classifier judges the whole command, writes included.
    if (evaluation.writesUnapproved && this.#mode !== 'auto')
      return redirectWriteDecision(evaluation, acceptsEdits);
    return undefined;
  }

  async #fromTool(
    tool: AnyTool,
    input: unknown,
    context: ToolContext,
  ): Promise<PermissionDecision | undefined> {
    const check = await tool.checkPermissions(input, context);
    if (check.behavior === 'passthrough') return undefined;
    const decision = decided(check.behavior, check.reason, { kind: 'tool' });
    if (check.behavior === 'ask' && check.suggestedRule) decision.suggestedRule = check.suggestedRule;
    return decision;
  }

  async #fromDefault(call: {
    tool: AnyTool;
    input: unknown;
    target: string | undefined;
    readOnly: boolean;
    evaluation: TargetEvaluation;
    context: ToolContext;
    cwd: string;
  }): Promise<PermissionDecision> {
    if (call.readOnly && call.evaluation.inside) {
      return decided('allow', 'A read-only action inside the workspace.', { kind: 'default' });
    }
    const classifier = this.#options.classifier;
    if (this.#mode !== 'auto' || !classifier) {
      const writes = call.evaluation.writes?.length
        ? ` It writes ${describeWrites(call.evaluation.writes)}.`
        : '';
      return decided('ask', `${call.tool.name} needs your approval.${writes}`, { kind: 'default' });
    }
    const request = {
      toolName: call.tool.name,
      target: call.target ?? safeJson(call.input),
      cwd: call.cwd,
      workspaceRoots: this.#options.workspaceRoots,
    };
    const { verdict, reason } = await classifier.classify(request, call.context.signal);
    return decided(verdict === 'safe' ? 'allow' : 'ask', reason, { kind: 'classifier', verdict });
  }

  #parse(command: string): ParsedCommand {
    if (!this.#options.shellParser)
      return { subcommands: [], hazards: [{ kind: 'parse_error', detail: 'no shell parser is loaded' }] };
    try {
      return expandEmbeddedCommands(this.#options.shellParser.parse(command), this.#options.shellParser);
    } catch (error) {
      return { subcommands: [], hazards: [{ kind: 'parse_error', detail: String(error) }] };
    }
  }

  async #pathContext(context: ToolContext, shell: boolean): Promise<PathContext> {
    const workspace = this.#options.workspace;
    const realPath = async (path: string) => {
      try {
        return await workspace.realPath(path);
      } catch {
        return path;
      }
    };
    this.#roots ??= Promise.all(
      this.#options.workspaceRoots.map(async (root) => [
        toPosixPath(root),
        toPosixPath(await realPath(root)),
      ]),
    ).then((pairs) => [...new Set(pairs.flat())]);
    this.#readRoots ??= Promise.all(
      (this.#options.readRoots ?? []).map(async (root) => [
        toPosixPath(root),
        toPosixPath(await realPath(root)),
      ]),
    ).then((pairs) => [...new Set(pairs.flat())]);
    return {
      cwd: toPosixPath((shell ? context.shellState.cwd : context.cwd) || this.#options.cwd),
      ruleCwd: toPosixPath(this.#options.cwd),
      home: toPosixPath(this.#options.home),
      roots: await this.#roots,
      readRoots: await this.#readRoots,
      caseInsensitive: this.#options.caseInsensitive,
      windows: this.#options.windows ?? false,
      realPath,
    };
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
