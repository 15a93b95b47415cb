import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const cssPath = join(__dirname, '../../../webview-ui/src/styles/main.css');
const stylesheets = [cssPath, join(__dirname, '../../../webview-ui/src/markdown/markdown.css')];

describe('panel styles', () => {
  it('take every colour from the VS Code theme, so light, dark and high contrast all work', async () => {
    const css = (await Promise.all(stylesheets.map((path) => readFile(path, 'utf8')))).join('\n');
    const literals =
      css.match(
        /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|(?<![\w-])(?:white|black|red|green|blue|gr[ae]y)(?![\w-])/gi,
      ) ?? [];
    assert.deepEqual(literals, []);
    const colours = css.match(/(?:^|[\s;{])(?:color|background|border-color|outline)\s*:[^;]+;/gm) ?? [];
    assert.ok(colours.length > 20);
    for (const declaration of colours) {
      if (/:\s*(?:transparent|inherit|none|0|1px solid transparent)\s*;/.test(declaration)) continue;
      assert.match(declaration, /var\(--vscode-/, declaration.trim());
    }
  });

  it('draw a visible focus outline from the theme', async () => {
    const css = await readFile(cssPath, 'utf8');
    assert.match(css, /:focus-visible\s*{[^}]*outline:\s*1px solid var\(--vscode-focusBorder\)/);
  });
});
