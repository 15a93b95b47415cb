/** The inline review's command ids, as contributed in package.json. */
export const reviewCommandIds = {
  acceptHunk: 'tandem.review.acceptHunk',
  rejectHunk: 'tandem.review.rejectHunk',
  acceptFile: 'tandem.review.acceptFile',
  rejectFile: 'tandem.review.rejectFile',
  acceptAll: 'tandem.review.acceptAll',
  rejectAll: 'tandem.review.rejectAll',
  nextHunk: 'tandem.review.nextHunk',
  previousHunk: 'tandem.review.previousHunk',
  reveal: 'tandem.review.reveal',
} as const;

/** Context keys for `when` clauses: any pending change; a pending change in the active editor. */
export const reviewContextKeys = {
  hasPending: 'tandem.review.hasPending',
  editorHasPending: 'tandem.review.editorHasPending',
} as const;

/** The Pending changes tree view's id. */
export const pendingChangesViewId = 'tandem.pendingChanges';
