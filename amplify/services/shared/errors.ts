import type { z } from 'zod';

/**
 * A request the caller can fix. Its message is shown to the user as is, so it names the problem.
 * AppSync reports it as the field's error (message and type), and nothing has been written.
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Reads the caller from the authorizer's answer: handlers never take the user from arguments. */
export interface Caller {
  userId: string;
  email?: string;
  groups: string[];
  policyId: string;
}

export const callerOf = (identity: unknown): Caller => {
  const context = (identity as { resolverContext?: Record<string, string> } | null)?.resolverContext;
  if (!context?.userId || !context.policyId) throw new Error('the request carries no authorizer context');
  return {
    userId: context.userId,
    email: context.email || undefined,
    groups: context.groups ? context.groups.split(',').filter(Boolean) : [],
    policyId: context.policyId,
  };
};

/**
 * `input` as `schema` makes it, or a UserInputError naming every problem found, each as `explain`
 * says it (zod's own message unless a service words its issues itself).
 */
export const parseInput = <S extends z.ZodType>(
  schema: S,
  input: unknown,
  explain: (issue: z.ZodIssue) => string = (issue) => issue.message,
): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new UserInputError(result.error.issues.map(explain).join('; '));
  return result.data;
};
