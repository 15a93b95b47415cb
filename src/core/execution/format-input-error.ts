import type { z } from 'zod';

/** Turns a zod failure into one sentence per problem, worded so the model can correct its call. */
export function formatInputError(toolName: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'the input';
    return `- ${where}: ${issue.message}`;
  });
  return `Invalid input for ${toolName}:\n${problems.join('\n')}\nFix the arguments and call the tool again.`;
}
