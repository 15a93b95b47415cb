import { basename } from 'node:path';

/** The program and file extension a snippet of one language runs with. */
interface Runtime {
  language: string;
  runtime: string;
  extension: string;
}

const byLanguage: Record<string, Runtime> = {
  python: {
    language: 'python',
    runtime: process.platform === 'win32' ? 'python' : 'python3',
    extension: '.py',
  },
  javascript: { language: 'javascript', runtime: 'node', extension: '.js' },
  shellscript: { language: 'shellscript', runtime: 'bash', extension: '.sh' },
};

/**
 * How a snippet runs outside a notebook: a first line `#!…` names the interpreter outright (its
 * program and arguments, `env` skipped); otherwise the active editor's language decides. undefined
 * when neither says: the caller explains what the person or model can do.
 */
export function snippetRuntime(code: string, activeLanguageId: string | undefined): Runtime | undefined {
  const shebang = /^#!\s*(\S+)(.*)$/m.exec(code.split('\n', 1)[0] ?? '');
  if (shebang?.[1]) {
    const words = [shebang[1], ...(shebang[2] ?? '').trim().split(/\s+/).filter(Boolean)];
    const program = basename(words[0] ?? '') === 'env' ? words.slice(1) : words;
    if (program.length > 0) {
      const name = basename(program[0] ?? '');
      const known = Object.values(byLanguage).find((runtime) => name.startsWith(runtime.runtime));
      return {
        language: known?.language ?? name,
        runtime: program.join(' '),
        extension: known?.extension ?? '',
      };
    }
  }
  return activeLanguageId ? byLanguage[activeLanguageId] : undefined;
}

/** What `executeCode` answers when it cannot tell how to run a snippet. */
export const noRuntimeMessage =
  'No notebook is active and the active editor is not a Python, JavaScript or shell file, so there is ' +
  'no way to tell how to run this code. Start it with a line such as `#!/usr/bin/env python3`, or ' +
  'ask the person to open a notebook.';
