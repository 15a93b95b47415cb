import type { z } from 'zod';
import { commandHookSchema, httpHookSchema, settingsSchema } from './settings-schema';
import type { Settings } from './settings-schema';

/** One thing wrong with a settings file; the file still loads without the named part. */
export interface SettingsProblem {
  /** The file (or `--settings` / `vscode`) the problem is in. */
  path: string;
  /** Dotted zod issue path, e.g. `permissions.allow[1]`; empty when the whole file is unusable. */
  field: string;
  message: string;
}

/** The usable part of a file plus what was dropped from it. */
export interface ParsedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

const maxRepairPasses = 8;

/**
 * Parses the text of one settings file leniently: bad JSON or a non-object yields empty settings and
 * one problem; an invalid field or list entry is dropped (its valid siblings stay) and reported with
 * its path. Never throws.
 */
export function parseSettings(text: string, path: string): ParsedSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { settings: {}, problems: [{ path, field: '', message: `invalid JSON: ${message}` }] };
  }
  return validateSettings(raw, path);
}

/** Same as `parseSettings` for a value already parsed (CLI flags, editor settings). */
export function validateSettings(raw: unknown, path: string): ParsedSettings {
  if (!isRecord(raw)) {
    return { settings: {}, problems: [{ path, field: '', message: 'expected a JSON object' }] };
  }
  const problems: SettingsProblem[] = [];
  let value: Record<string, unknown> = structuredClone(raw);
  for (let pass = 0; pass < maxRepairPasses; pass++) {
    const result = settingsSchema.safeParse(value);
    if (result.success) return { settings: result.data, problems };
    for (const issue of result.error.issues) {
      problems.push({ path, field: formatIssuePath(issue.path), message: describeIssue(issue, value) });
      removeAt(value, dropTarget(value, issue.path));
    }
    value = compact(value) as Record<string, unknown>;
  }
  return {
    settings: {},
    problems: [...problems, { path, field: '', message: 'could not repair the file; ignored' }],
  };
}

/** `['permissions', 'allow', 1]` → `permissions.allow[1]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/**
 * The smallest part to drop for an issue: the innermost list entry on the path (a rule, a matcher
 * group, a hook handler); otherwise the field itself, or its parent when the field is missing.
 */
function dropTarget(root: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const lastIndex = path.findLastIndex((segment) => typeof segment === 'number');
  if (lastIndex >= 0) return path.slice(0, lastIndex + 1);
  if (path.length > 1 && getAt(root, path) === undefined) return path.slice(0, -1);
  return [...path];
}

const dropped = Symbol('dropped');

function removeAt(root: unknown, path: readonly PropertyKey[]): void {
  if (path.length === 0) return;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1] as PropertyKey;
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = dropped;
  else if (isRecord(parent)) delete parent[String(key)];
}

/** Removes the array slots marked by `removeAt`; indices shift only after every issue of a pass is applied. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== dropped).map(compact);
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) value[key] = compact(item);
  }
  return value;
}

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** A union failure says only "Invalid input"; re-check against the handler's declared type for a useful message. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code !== 'invalid_union') return issue.message;
  const handler = getAt(root, issue.path);
  const type = isRecord(handler) ? handler['type'] : undefined;
  const schema = type === 'command' ? commandHookSchema : type === 'http' ? httpHookSchema : undefined;
  const inner = schema?.safeParse(handler);
  const first = inner && !inner.success ? inner.error.issues[0] : undefined;
  if (!first) return 'expected a hook of type command, http, prompt, agent or mcp_tool';
  return `${formatIssuePath(first.path)}: ${first.message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
