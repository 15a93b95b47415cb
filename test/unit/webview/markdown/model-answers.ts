import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Answers written the way models write them, from `test/fixtures/markdown-answers/`. */
export function modelAnswer(name: 'review-findings' | 'setup-steps' | 'inline-details'): string {
  return readFileSync(join(__dirname, '../../../fixtures/markdown-answers', `${name}.md`), 'utf8');
}

/** Every answer, by name. */
export const modelAnswerNames = ['review-findings', 'setup-steps', 'inline-details'] as const;
