/**
 * The value of a variable a function cannot work without. Read once at cold start, so a missing one
 * fails the first invocation with a message naming the function and the variable.
 */
export const requiredEnv = (env: NodeJS.ProcessEnv, name: string, service: string): string => {
  const value = env[name];
  if (!value) throw new Error(`the ${service} function needs ${name} in its environment`);
  return value;
};
