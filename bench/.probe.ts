import { Parser, Language } from 'web-tree-sitter';
async function main() {
  await Parser.init({ locateFile: () => '/work/main/node_modules/web-tree-sitter/tree-sitter.wasm' });
  const lang = await Language.load('/work/main/node_modules/tree-sitter-bash/tree-sitter-bash.wasm');
  const p = new Parser(); p.setLanguage(lang);
  for (const src of process.argv.slice(2)) { const t = p.parse(src); console.log(src, '\n', t?.rootNode.toString()); }
}
main();
