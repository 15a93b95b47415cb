/** The commands behind Tandem's code actions and editor menu entries, as contributed in package.json. */
export const actionCommandIds = {
  fixDiagnostic: 'tandem.fixDiagnostic',
  fixFile: 'tandem.fixFile',
  explain: 'tandem.explain',
  fixSelection: 'tandem.fixSelection',
  explainSelection: 'tandem.explainSelection',
} as const;

/** Setting: whether a task from the editor starts a new chat or goes to the current one when it is idle. */
export const codeActionsChatSetting = 'tandem.codeActions.chat';
