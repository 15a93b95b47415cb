import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';
import type {
  Assignment,
  Hazard,
  ParsedCommand,
  Redirect,
  ShellParser,
  SubCommand,
} from '../../core/permissions/shell-parser';
import {
  commandWordHazards,
  hasInvisibleCharacters,
  maxSubcommands,
} from '../../core/permissions/shell-parser';
import type { ShellWord } from './shell-word';
import { joinContinuationLines, wordValue } from './shell-word';

/** Where the two WebAssembly files live; the bundled extension passes paths inside its dist/. */
export interface TreeSitterPaths {
  /** web-tree-sitter's runtime, `tree-sitter.wasm`. */
  treeSitterWasm: string;
  /** The grammar, `tree-sitter-bash.wasm`. */
  bashWasm: string;
}

/** The paths inside node_modules, for tests, the CLI and benchmarks. */
export function defaultTreeSitterPaths(): TreeSitterPaths {
  const resolve = createRequire(join(process.cwd(), 'package.json')).resolve;
  return {
    treeSitterWasm: resolve('web-tree-sitter/tree-sitter.wasm'),
    bashWasm: resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
  };
}

// web-tree-sitter's runtime can be initialised once per process; the first path given wins.
let runtime: Promise<void> | undefined;
const parsers = new Map<string, Promise<TreeSitterShellParser>>();

const declarationKeywords = new Set([
  'export',
  'declare',
  'typeset',
  'local',
  'readonly',
  'unset',
  'unsetenv',
]);

/** A ShellParser over the tree-sitter-bash grammar. Create it with `TreeSitterShellParser.load`. */
export class TreeSitterShellParser implements ShellParser {
  readonly #parser: Parser;

  private constructor(parser: Parser) {
    this.#parser = parser;
  }

  /**
   * Loads (once per grammar path, cached) the runtime and grammar. Rejects when a file is missing;
   * callers treat that as "no parser", so every command asks.
   */
  static load(paths: TreeSitterPaths = defaultTreeSitterPaths()): Promise<TreeSitterShellParser> {
    const cached = parsers.get(paths.bashWasm);
    if (cached) return cached;
    const loading = (async () => {
      runtime ??= Parser.init({ locateFile: () => paths.treeSitterWasm });
      await runtime;
      const language = await Language.load(paths.bashWasm);
      const parser = new Parser();
      parser.setLanguage(language);
      return new TreeSitterShellParser(parser);
    })();
    loading.catch(() => parsers.delete(paths.bashWasm));
    parsers.set(paths.bashWasm, loading);
    return loading;
  }

  parse(command: string): ParsedCommand {
    const source = joinContinuationLines(command);
    let tree;
    try {
      tree = this.#parser.parse(source);
    } catch (error) {
      return { subcommands: [], hazards: [{ kind: 'parse_error', detail: String(error) }] };
    }
    if (!tree) return { subcommands: [], hazards: [{ kind: 'parse_error', detail: 'no syntax tree' }] };
    try {
      const walker = new CommandWalker();
      walker.visit(tree.rootNode);
      if (tree.rootNode.hasError)
        walker.hazards.push({ kind: 'parse_error', detail: 'the command does not parse' });
      if (hasInvisibleCharacters(command))
        walker.hazards.push({ kind: 'invisible_characters', detail: command });
      if (walker.subcommands.length > maxSubcommands) {
        walker.hazards.push({ kind: 'too_many', detail: `${walker.subcommands.length} sub-commands` });
      }
      return { subcommands: walker.subcommands, hazards: walker.hazards };
    } finally {
      tree.delete();
    }
  }
}

function childrenOf(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

class CommandWalker {
  readonly subcommands: SubCommand[] = [];
  readonly hazards: Hazard[] = [];
  readonly #handled = new Set<number>();

  visit(node: Node): void {
    if (!this.#handled.has(node.id)) this.#visitOwn(node);
    for (const child of childrenOf(node)) this.visit(child);
  }

  #visitOwn(node: Node): void {
    switch (node.type) {
      case 'command':
        this.#command(node, []);
        return;
      case 'redirected_statement':
        this.#redirectedStatement(node);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.#declaration(node);
        return;
      case 'test_command':
        this.#push({
          argv: ['[[', node.text],
          dynamicWords: [],
          globWords: [],
          assignments: [],
          text: node.text,
          redirects: [],
        });
        return;
      case 'variable_assignment':
        if (node.parent?.type !== 'command' && node.parent?.type !== 'declaration_command') {
          this.#push({
            argv: [],
            dynamicWords: [],
            globWords: [],
            assignments: [assignmentOf(node)],
            text: node.text,
            redirects: [],
          });
        }
        return;
      case 'command_substitution':
        this.#hazard(node.text.startsWith('<(') ? 'process_substitution' : 'command_substitution', node);
        return;
      case 'process_substitution':
        this.#hazard('process_substitution', node);
        return;
      case 'arithmetic_expansion':
      case 'compound_statement':
        // `$((PATH=1))` and `((IFS=2))` assign shell variables.
        if (/^\$?\(\(/.test(node.text) && /(^|[^=!<>])=($|[^=])/.test(node.text)) this.#hazard('dangerous_env', node);
        return;
      case 'expansion':
        // `${X:=v}` and `${X=v}` assign to X in the running shell.
        if (/^\$\{#?[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?:?=/.test(node.text))
          this.#hazard('dangerous_env', node);
        return;
      case 'function_definition':
        this.#hazard('function_definition', node);
        return;
      case 'heredoc_redirect':
        this.#hazard('heredoc', node);
        return;
      case 'subshell':
        this.#hazard('subshell', node);
        return;
      case '&':
        if (!node.isNamed) this.#hazard('background', node.parent ?? node);
        return;
      default:
        if (node.isMissing || node.type === 'ERROR') this.#hazard('parse_error', node);
    }
  }

  #hazard(kind: Hazard['kind'], node: Node): void {
    this.hazards.push({ kind, detail: node.text.slice(0, 200) });
  }

  #push(subcommand: SubCommand): void {
    this.subcommands.push(subcommand);
  }

  #redirectedStatement(node: Node): void {
    const redirects: Redirect[] = [];
    let body: Node | undefined;
    for (const child of childrenOf(node)) {
      if (child.type.endsWith('_redirect')) redirects.push(...this.#redirects(child));
      else if (child.isNamed && !body) body = child;
    }
    if (body?.type === 'command') {
      this.#handled.add(body.id);
      this.#command(body, redirects, node.text);
      return;
    }
    // A compound body (`{ …; } > f`, `while …; done < f`): its commands are walked on their own;
    // the redirects are kept on a neutral entry so they are still checked.
    this.#push({ argv: [], dynamicWords: [], globWords: [], assignments: [], text: node.text, redirects });
  }

  #redirects(node: Node): Redirect[] {
    if (node.type === 'heredoc_redirect') {
      return childrenOf(node)
        .filter((child) => child.type === 'file_redirect')
        .flatMap((child) => this.#redirects(child));
    }
    if (node.type !== 'file_redirect') return [];
    const destination = node.childForFieldName('destination');
    const op = childrenOf(node)
      .filter((child) => !child.isNamed)
      .map((child) => child.type)
      .join('');
    if (!destination) return [];
    const word = wordValue(destination);
    const duplicatesDescriptor = op.endsWith('&') && /^(\d+|-)$/.test(word.value);
    return duplicatesDescriptor ? [] : [{ op, target: word.value, dynamic: word.dynamic }];
  }

  #command(node: Node, outerRedirects: Redirect[], text = node.text): void {
    const words: (ShellWord & { end: number })[] = [];
    const assignments: Assignment[] = [];
    const redirects = [...outerRedirects];
    for (const child of childrenOf(node)) {
      if (child.type === 'variable_assignment') assignments.push(assignmentOf(child));
      else if (child.type.endsWith('_redirect')) redirects.push(...this.#redirects(child));
      else if (child.type === 'command_name' || (child.isNamed && child.type !== 'comment')) {
        const word = wordValue(child.type === 'command_name' ? (child.firstChild ?? child) : child);
        const previous = words[words.length - 1];
        // tree-sitter splits `$'a'\;b` into two arguments; bash reads one word when nothing separates them.
        if (previous && previous.end === child.startIndex) {
          previous.value += word.value;
          previous.dynamic ||= word.dynamic;
          previous.ansiC ||= word.ansiC;
          previous.unquoted += word.unquoted;
          previous.end = child.endIndex;
        } else words.push({ ...word, end: child.endIndex });
      }
    }
    const name = words[0];
    if (name) {
      this.hazards.push(...commandWordHazards(name.value, name.dynamic));
      if (name.ansiC) this.hazards.push({ kind: 'ansi_c_quoting', detail: name.value });
    }
    const dynamicWords = words.flatMap((word, index) => (word.dynamic ? [index] : []));
    const globWords = words.flatMap((word, index) => (index > 0 && /[*?[]/.test(word.unquoted) ? [index] : []));
    const braced = words.find((word, index) => index > 0 && /\{[^}\0]*(,|\.\.)[^}\0]*\}/.test(word.unquoted));
    if (braced) this.hazards.push({ kind: 'brace_expansion', detail: braced.value });
    const argv = words.map((word) => word.value);
    this.#push({ argv, dynamicWords, globWords, assignments, text, redirects });
  }

  #declaration(node: Node): void {
    const argv: string[] = [];
    const assignments: Assignment[] = [];
    const dynamicWords: number[] = [];
    for (const child of childrenOf(node)) {
      if (!child.isNamed) {
        if (declarationKeywords.has(child.type)) argv.push(child.type);
        continue;
      }
      if (child.type === 'variable_assignment') assignments.push(assignmentOf(child));
      const word =
        child.type === 'variable_assignment' ? { value: child.text, dynamic: false } : wordValue(child);
      if (word.dynamic) dynamicWords.push(argv.length);
      argv.push(word.value);
    }
    this.#push({ argv, dynamicWords, globWords: [], assignments, text: node.text, redirects: [] });
  }
}

function assignmentOf(node: Node): Assignment {
  const name = node.childForFieldName('name')?.text ?? '';
  const valueNode = node.childForFieldName('value');
  return { name, value: valueNode ? wordValue(valueNode).value : '' };
}
