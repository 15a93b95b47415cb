import { z } from 'zod';
import type { Tolerance } from '../../edits/apply-edit';
import { describeTolerance } from '../../edits/apply-edit';
import { loadTextFile, readState } from '../../edits/load-text-file';
import type { FileWriteProposal } from '../../edits/propose-file-write';
import { describeWriteOutcome, proposeFileWrite } from '../../edits/propose-file-write';
import { resolvePath } from '../../paths/resolve-path';
import { defaultTextFormat } from '../../edits/text-codec';
import { buildTool } from '../build-tool';
import type { Tool, ToolContext, ToolResult } from '../tool';
import { errorResult, textResult } from '../tool';
import { applyHunks } from './apply-hunks';
import type { PatchOperation } from './parse-patch';
import { parsePatch } from './parse-patch';
import { wholeFileRefusal } from '../write/write-tool';

const applyPatchInputSchema = z.object({
  input: z.string().describe('The whole patch, from "*** Begin Patch" to "*** End Patch".'),
});

/** The ApplyPatch tool's input. */
export type ApplyPatchInput = z.infer<typeof applyPatchInputSchema>;

const description = `Edits files with a patch. Format:
*** Begin Patch
*** Update File: path/to/file.py
@@ def greet():
-    print("hi")
+    print("hello")
*** Add File: path/to/new.txt
+first line
*** Delete File: path/to/old.txt
*** End Patch
- Paths are relative to the working directory (or absolute). "*** Move to: path" after an Update header renames the file.
- In an Update, lines start with " " (context), "-" (remove) or "+" (add). Give about 3 context lines around each change; an "@@ line" header names an enclosing line (a function or class) to search after. End a hunk at the end of the file with "*** End of File".
- Read files before updating or deleting them. Each hunk must match exactly one place; nothing is written unless every file applies.`;

interface PlannedFile {
  label: string;
  proposals: FileWriteProposal[];
  tolerance: Tolerance[];
  changed: boolean;
}

/** The absolute paths a patch touches, moves included; none when it does not parse. */
function patchPaths(input: ApplyPatchInput, context: { cwd: string }): string[] {
  const parsed = parsePatch(input.input);
  if (!parsed.ok) return [];
  return parsed.operations
    .flatMap((operation) =>
      operation.kind === 'update' && operation.moveTo ? [operation.path, operation.moveTo] : [operation.path],
    )
    .map((path) => resolvePath(context.cwd, path));
}

/** ApplyPatch: codex-style multi-file patches, validated in full before anything is proposed. */
export const applyPatchTool: Tool<ApplyPatchInput> = buildTool({
  name: 'ApplyPatch',
  permissionKind: 'edit',
  editStyle: 'apply_patch',
  description,
  inputSchema: applyPatchInputSchema,
  // Every file the patch touches, one per line: the permission engine checks each.
  permissionTarget: (input, context) => {
    const paths = patchPaths(input, context);
    return paths.length === 0 ? undefined : paths.join('\n');
  },
  filePaths: patchPaths,
  summarize: (input) => {
    const parsed = parsePatch(input.input);
    return parsed.ok ? parsed.operations.map((operation) => operation.path).join(', ') : 'patch';
  },
  async *call(input, context) {
    const parsed = parsePatch(input.input);
    if (!parsed.ok) return errorResult(`The patch could not be parsed. ${parsed.message}`);
    const planned: PlannedFile[] = [];
    const touched = new Set<string>();
    for (const operation of parsed.operations) {
      const plan = await planOperation(context, operation, touched);
      if (typeof plan === 'string') return errorResult(`${plan} Nothing was written.`);
      planned.push(plan);
    }
    return commit(context, planned);
  },
});

async function planOperation(
  context: ToolContext,
  operation: PatchOperation,
  touched: Set<string>,
): Promise<PlannedFile | string> {
  const path = resolvePath(context.cwd, operation.path);
  const target =
    operation.kind === 'update' && operation.moveTo !== undefined
      ? resolvePath(context.cwd, operation.moveTo)
      : path;
  for (const each of new Set([path, target])) {
    if (touched.has(each))
      return `${operation.path}: the patch touches this file twice; merge its sections into one.`;
    touched.add(each);
  }
  const loaded = await loadTextFile(context.workspace, path);
  if (operation.kind === 'add') {
    if (loaded.kind !== 'missing')
      return `${operation.path}: cannot add a file that already exists; use "*** Update File:".`;
    return {
      label: `A ${operation.path}`,
      proposals: [{ path, before: undefined, after: operation.content, format: defaultTextFormat }],
      tolerance: [],
      changed: false,
    };
  }
  if (loaded.kind === 'missing') return `${operation.path}: the file does not exist.`;
  if (loaded.kind !== 'text') return `${operation.path}: not a text file.`;
  const state = readState(context.fileState.get(path), {
    text: loaded.decoded.text,
    mtimeMs: loaded.mtimeMs,
  });
  if (state === 'never-read')
    return `${operation.path}: you have not read this file in this session. Read it first.`;
  const before = loaded.decoded.text;
  if (operation.kind === 'delete') {
    const whole = await context.fileState.wholeFileState(path, before);
    const refusal = wholeFileRefusal(operation.path, whole, 'delete it');
    if (refusal) return refusal;
    return {
      label: `D ${operation.path}`,
      proposals: [{ path, before, after: undefined, format: loaded.decoded }],
      tolerance: [],
      changed: false,
    };
  }
  const applied = applyHunks(before, operation.hunks);
  if (!applied.ok)
    return `${operation.path}: ${applied.message}${state === 'changed' ? ' The file changed on disk since you read it; read it again.' : ''}`;
  if (target === path) {
    return {
      label: `M ${operation.path}`,
      proposals: [{ path, before, after: applied.content, format: loaded.decoded }],
      tolerance: applied.tolerance,
      changed: state === 'changed',
    };
  }
  if ((await context.workspace.stat(target)) !== undefined)
    return `${operation.moveTo}: cannot move onto an existing file.`;
  return {
    label: `R ${operation.path} → ${operation.moveTo}`,
    proposals: [
      { path: target, before: undefined, after: applied.content, format: loaded.decoded },
      { path, before, after: undefined, format: loaded.decoded },
    ],
    tolerance: applied.tolerance,
    changed: state === 'changed',
  };
}

async function commit(context: ToolContext, planned: readonly PlannedFile[]): Promise<ToolResult> {
  const done: string[] = [];
  const diffs: string[] = [];
  const notes: string[] = [];
  for (const file of planned) {
    for (const proposal of file.proposals) {
      const written = await proposeFileWrite(context, proposal);
      if (written.kind === 'rejected') {
        const already = done.length > 0 ? ` Already written: ${done.join(', ')}.` : ' Nothing was written.';
        return errorResult(
          `The person rejected the change to ${proposal.path}: ${written.reason}.${already}`,
        );
      }
      diffs.push(written.diff);
      const changes = describeWriteOutcome(written);
      if (changes) notes.push(`${proposal.path}:${changes}`);
    }
    done.push(file.label);
    if (file.tolerance.length > 0) notes.push(`${file.label.slice(2)}: ${describeTolerance(file.tolerance)}`);
    if (file.changed)
      notes.push(
        `${file.label.slice(2)} had changed on disk since you read it; read it again before editing it further.`,
      );
  }
  const text = [`Applied the patch:\n${done.join('\n')}`, ...notes].join('\n');
  const first = planned[0]?.proposals[0]?.path ?? context.cwd;
  return textResult(text, { kind: 'diff', path: first, diff: diffs.join('\n') });
}
