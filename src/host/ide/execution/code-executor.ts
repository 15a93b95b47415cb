/** Where a snippet will run, decided before the person is asked, so the question can say so. */
export type ExecutionPlan =
  | {
      target: 'notebook';
      /** The new cell's language: the notebook's. */
      language: string;
      /** For the person: "the kernel of analysis.ipynb". */
      where: string;
      /** The notebook's URI (`Uri.toString()`). */
      notebook: string;
    }
  | {
      target: 'process';
      /** `python`, `javascript`, `shellscript`, or the shebang's interpreter. */
      language: string;
      /** For the person: "python3 in /home/me/project". */
      where: string;
      /** The program the snippet file is handed to: `python3`, `node`, `bash`, or a shebang's. */
      runtime: string;
      /** The workspace folder it runs in. */
      cwd: string;
    };

/** One piece of output, as MCP content. */
export type ExecutionOutput =
  { type: 'text'; text: string } | { type: 'image'; data: string; mimeType: string };

/** What a run produced; `failed` for a non-zero exit, a kernel error, a timeout or a stop. */
export interface ExecutionResult {
  output: ExecutionOutput[];
  failed: boolean;
}

/**
 * Runs `executeCode` snippets. `plan` must not run anything; `run` must honour the signal and its
 * own timeout, and must not throw for a failing snippet (that is a `failed` result).
 */
export interface CodeExecutor {
  plan(code: string): { ok: true; plan: ExecutionPlan } | { ok: false; message: string };
  run(code: string, plan: ExecutionPlan, signal: AbortSignal): Promise<ExecutionResult>;
}

/**
 * Asks the person before a snippet runs; resolves false when they decline or nobody can answer.
 * The bridge asks with a modal dialog; Tandem's own agent may pass its panel prompt instead.
 */
export interface ExecutionApproval {
  /** `client` names who asks: the client's own name (`claude-code`), or a label. */
  confirm(
    request: { code: string; plan: ExecutionPlan; client: string },
    signal: AbortSignal,
  ): Promise<boolean>;
}
