import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { ParsedCommand, ShellParser } from '../../core/permissions/shell-parser';
import { hasInvisibleCharacters, maxSubcommands } from '../../core/permissions/shell-parser';
import { CommandWalker } from './command-walker';
import { joinContinuationLines } from './shell-word';

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

/** Longer commands are not parsed at all: they ask. */
const maxCommandLength = 100_000;

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
      const shellParser = new TreeSitterShellParser(parser);
      // The first parse pays WebAssembly warm-up (~30 ms); pay it here, not in the first tool call.
      shellParser.parse('cd src && ls -la | grep "x" > out.txt; echo $(date) && git status');
      return shellParser;
    })();
    loading.catch(() => parsers.delete(paths.bashWasm));
    parsers.set(paths.bashWasm, loading);
    return loading;
  }

  parse(command: string): ParsedCommand {
    if (command.length > maxCommandLength) {
      return {
        subcommands: [],
        hazards: [{ kind: 'parse_error', detail: `longer than ${maxCommandLength} characters` }],
      };
    }
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
