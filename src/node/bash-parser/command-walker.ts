import type { Node } from 'web-tree-sitter';
import type { Assignment, Hazard, Redirect, SubCommand } from '../../core/permissions/shell-parser';
import { commandWordHazards } from '../../core/permissions/shell-parser';
import type { ShellWord } from './shell-word';
import { wordValue } from './shell-word';

const declarationKeywords = new Set([
  'export',
  'declare',
  'typeset',
  'local',
  'readonly',
  'unset',
  'unsetenv',
]);

function childrenOf(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

/**
 * Walks a tree-sitter-bash syntax tree and collects every simple command (in lists, pipelines,
 * compound bodies, substitutions) with its words resolved, plus the hazards met on the way.
 */
export class CommandWalker {
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
        this.#command(node, { redirects: [], extraWords: [] });
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
        if (/^\$?\(\(/.test(node.text) && /(^|[^=!<>])=($|[^=])/.test(node.text))
          this.#hazard('dangerous_env', node);
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
    const parts: RedirectParts = { redirects: [], extraWords: [] };
    let body: Node | undefined;
    for (const child of childrenOf(node)) {
      if (child.type.endsWith('_redirect')) this.#redirects(child, parts);
      else if (child.isNamed && !body) body = child;
    }
    if (body?.type === 'command') {
      this.#handled.add(body.id);
      this.#command(body, parts, node.text);
      return;
    }
    // A compound body (`{ …; } > f`, `while …; done < f`): its commands are walked on their own;
    // the redirects are kept on a neutral entry so they are still checked, and stray words after
    // them become a command of their own, which no rule will have allowed.
    const argv = parts.extraWords.map((word) => word.value);
    this.#push({
      argv,
      dynamicWords: [],
      globWords: [],
      assignments: [],
      text: node.text,
      redirects: parts.redirects,
    });
  }

  /**
   * Collects a redirect. tree-sitter-bash files every word after `> target` as another
   * destination, while bash passes them to the command: `cat a > out ~/.ssh/id_rsa` reads the key.
   */
  #redirects(node: Node, parts: RedirectParts): void {
    if (node.type === 'heredoc_redirect') {
      for (const child of childrenOf(node)) if (child.type === 'file_redirect') this.#redirects(child, parts);
      return;
    }
    if (node.type !== 'file_redirect') return;
    const op = childrenOf(node)
      .filter((child) => !child.isNamed)
      .map((child) => child.type)
      .join('');
    const destinations = mergeAdjacent(
      node
        .childrenForFieldName('destination')
        .filter((child): child is Node => child !== null)
        .map(positionedWord),
    );
    const [target, ...extra] = destinations;
    parts.extraWords.push(...extra);
    if (!target) return;
    const duplicatesDescriptor = op.endsWith('&') && /^(\d+|-)$/.test(target.value);
    if (!duplicatesDescriptor) parts.redirects.push({ op, target: target.value, dynamic: target.dynamic });
  }

  #command(node: Node, outer: RedirectParts, text = node.text): void {
    const found: PositionedWord[] = [...outer.extraWords];
    const assignments: Assignment[] = [];
    const parts: RedirectParts = { redirects: [...outer.redirects], extraWords: [] };
    for (const child of childrenOf(node)) {
      if (child.type === 'variable_assignment') assignments.push(assignmentOf(child));
      else if (child.type.endsWith('_redirect')) this.#redirects(child, parts);
      else if (child.type === 'command_name') found.push(positionedWord(child.firstChild ?? child));
      else if (child.isNamed && child.type !== 'comment') found.push(positionedWord(child));
    }
    found.push(...parts.extraWords);
    const words = mergeAdjacent(found.sort((a, b) => a.start - b.start));
    const name = words[0];
    if (name) {
      this.hazards.push(...commandWordHazards(name.value, name.dynamic));
      if (name.ansiC) this.hazards.push({ kind: 'ansi_c_quoting', detail: name.value });
    }
    const dynamicWords = words.flatMap((word, index) => (word.dynamic ? [index] : []));
    const globWords = words.flatMap((word, index) =>
      index > 0 && /[*?[]/.test(word.unquoted) ? [index] : [],
    );
    const braced = words.find((word, index) => index > 0 && /\{[^}\0]*(,|\.\.)[^}\0]*\}/.test(word.unquoted));
    if (braced) this.hazards.push({ kind: 'brace_expansion', detail: braced.value });
    const argv = words.map((word) => word.value);
    this.#push({ argv, dynamicWords, globWords, assignments, text, redirects: parts.redirects });
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

type PositionedWord = ShellWord & { start: number; end: number };

interface RedirectParts {
  redirects: Redirect[];
  /** Words tree-sitter filed under a redirect that bash gives to the command. */
  extraWords: PositionedWord[];
}

function positionedWord(node: Node): PositionedWord {
  return { ...wordValue(node), start: node.startIndex, end: node.endIndex };
}

/** tree-sitter splits `$'a'\\;b` into two words; bash reads one word when nothing separates them. */
function mergeAdjacent(words: readonly PositionedWord[]): PositionedWord[] {
  const merged: PositionedWord[] = [];
  for (const word of words) {
    const previous = merged[merged.length - 1];
    if (previous && previous.end === word.start) {
      merged[merged.length - 1] = {
        value: previous.value + word.value,
        dynamic: previous.dynamic || word.dynamic,
        ansiC: previous.ansiC || word.ansiC,
        unquoted: previous.unquoted + word.unquoted,
        start: previous.start,
        end: word.end,
      };
    } else merged.push({ ...word });
  }
  return merged;
}

function assignmentOf(node: Node): Assignment {
  const name = node.childForFieldName('name')?.text ?? '';
  const valueNode = node.childForFieldName('value');
  return { name, value: valueNode ? wordValue(valueNode).value : '' };
}
