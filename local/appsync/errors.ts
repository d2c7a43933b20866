import {
  ExecutableDefinitionsRule,
  FieldsOnCorrectTypeRule,
  FragmentsOnCompositeTypesRule,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  KnownFragmentNamesRule,
  KnownTypeNamesRule,
  LoneAnonymousOperationRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  OverlappingFieldsCanBeMergedRule,
  PossibleFragmentSpreadsRule,
  ProvidedRequiredArgumentsRule,
  ScalarLeafsRule,
  SingleFieldSubscriptionsRule,
  UniqueArgumentNamesRule,
  UniqueDirectivesPerLocationRule,
  UniqueFragmentNamesRule,
  UniqueInputFieldNamesRule,
  UniqueOperationNamesRule,
  UniqueVariableNamesRule,
  ValuesOfCorrectTypeRule,
  VariablesAreInputTypesRule,
  VariablesInAllowedPositionRule,
  specifiedRules,
  validate,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  getNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type ValidationRule,
} from 'graphql';

/** One entry of a response's `errors`, in AppSync's shape (and key order). */
export interface AppSyncError {
  path?: readonly (string | number)[] | null;
  data?: null;
  errorType?: string;
  errorInfo?: unknown;
  locations?: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

/** The body AppSync sends with a 401. */
export const UNAUTHORIZED_BODY = {
  errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
};

export const malformedRequest = (message: string) => ({
  errors: [{ errorType: 'MalformedHttpRequestException', message }],
});

const locationsOf = (error: GraphQLError) =>
  error.locations ? error.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null as null })) : null;

/** An error raised while executing (a resolver's error, a denied field, a null in a non-null field). */
export const executionError = (error: GraphQLError, schema: GraphQLSchema): AppSyncError => {
  const original = error.originalError as (Error & { errorType?: string; errorInfo?: unknown }) | undefined;
  const nonNull = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/.exec(error.message);
  if (nonNull && !original?.errorType) {
    const path = error.path ?? [];
    const parent = schema.getType(nonNull[1]);
    const field =
      parent && 'getFields' in parent
        ? (parent.getFields() as Record<string, { type: GraphQLType }>)[nonNull[2]]
        : undefined;
    const type = field ? getNamedType(field.type).name : nonNull[2];
    return {
      path,
      locations: locationsOf(error),
      message: `Cannot return null for non-nullable type: '${type}' within parent '${nonNull[1]}' (/${path.join('/')})`,
    };
  }
  return {
    path: error.path ?? null,
    data: null,
    ...(original?.errorType ? { errorType: original.errorType } : {}),
    errorInfo: original?.errorInfo ?? null,
    locations: locationsOf(error),
    message: error.message,
  };
};

/** The name graphql-java (which AppSync runs) gives each validation rule. */
const RULE_NAMES = new Map<ValidationRule, string>([
  [ExecutableDefinitionsRule, 'NonExecutableDefinition'],
  [UniqueOperationNamesRule, 'DuplicateOperationName'],
  [LoneAnonymousOperationRule, 'LoneAnonymousOperationViolation'],
  [SingleFieldSubscriptionsRule, 'SubscriptionMultipleRootFields'],
  [KnownTypeNamesRule, 'UnknownType'],
  [FragmentsOnCompositeTypesRule, 'FragmentTypeConditionInvalid'],
  [VariablesAreInputTypesRule, 'NonInputTypeOnVariable'],
  [ScalarLeafsRule, 'SubSelectionRequired'],
  [FieldsOnCorrectTypeRule, 'FieldUndefined'],
  [UniqueFragmentNamesRule, 'DuplicateFragmentName'],
  [KnownFragmentNamesRule, 'UndefinedFragment'],
  [NoUnusedFragmentsRule, 'UnusedFragment'],
  [PossibleFragmentSpreadsRule, 'InvalidFragmentType'],
  [NoFragmentCyclesRule, 'FragmentCycle'],
  [UniqueVariableNamesRule, 'DuplicateVariableName'],
  [NoUndefinedVariablesRule, 'UndefinedVariable'],
  [NoUnusedVariablesRule, 'UnusedVariable'],
  [KnownDirectivesRule, 'UnknownDirective'],
  [UniqueDirectivesPerLocationRule, 'DuplicateDirectiveName'],
  [KnownArgumentNamesRule, 'UnknownArgument'],
  [UniqueArgumentNamesRule, 'DuplicateArgumentNames'],
  [ValuesOfCorrectTypeRule, 'WrongType'],
  [ProvidedRequiredArgumentsRule, 'MissingFieldArgument'],
  [VariablesInAllowedPositionRule, 'VariableTypeMismatch'],
  [OverlappingFieldsCanBeMergedRule, 'FieldsConflict'],
  [UniqueInputFieldNamesRule, 'DuplicateInputField'],
]);

/** graphql-java's `@ 'a/b/c'` suffix: the response path of the node the error is about. */
const queryPaths = (document: DocumentNode): Map<ASTNode, string> => {
  const paths = new Map<ASTNode, string>();
  const stack: string[] = [];
  visit(document, {
    Field: {
      enter(node) {
        stack.push(node.alias?.value ?? node.name.value);
        paths.set(node, stack.join('/'));
      },
      leave() {
        stack.pop();
      },
    },
    // An argument's error is about its field.
    Argument(node) {
      paths.set(node, stack.join('/'));
    },
  });
  return paths;
};

/** A validation error as AppSync words it: `Validation error of type FieldUndefined: ... @ 'path'`. */
const validationMessage = (rule: string, error: GraphQLError, paths: Map<ASTNode, string>): string => {
  const at = error.nodes?.map((n) => paths.get(n)).find(Boolean);
  const suffix = at ? ` @ '${at}'` : '';
  let m: RegExpExecArray | null;
  if (rule === 'FieldUndefined' && (m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message))) {
    return `Validation error of type FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined${suffix}`;
  }
  if (rule === 'UnknownType' && (m = /^Unknown type "(\w+)"/.exec(error.message))) {
    return `Validation error of type UnknownType: Unknown type ${m[1]}`;
  }
  if (rule === 'MissingFieldArgument' && (m = /^Field "(\w+)" argument "(\w+)"/.exec(error.message))) {
    return `Validation error of type MissingFieldArgument: Missing field argument ${m[2]}${suffix}`;
  }
  if (rule === 'UnknownArgument' && (m = /^Unknown argument "(\w+)" on field/.exec(error.message))) {
    return `Validation error of type UnknownArgument: Unknown field argument ${m[1]}${suffix}`;
  }
  if (
    rule === 'SubSelectionRequired' &&
    (m = /^Field "(\w+)" of type "([^"]+)" must have a selection/.exec(error.message))
  ) {
    return `Validation error of type SubSelectionRequired: Sub selection required for type ${m[2].replace(/[[\]!]/g, '')} of field ${m[1]}${suffix}`;
  }
  if (
    rule === 'SubSelectionRequired' &&
    (m = /^Field "(\w+)" must not have a selection since type "([^"]+)"/.exec(error.message))
  ) {
    return `Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type ${m[2].replace(/[[\]!]/g, '')} of field ${m[1]}${suffix}`;
  }
  return `Validation error of type ${rule}: ${error.message}${suffix}`;
};

/** Validates a document; errors in AppSync's shape (no `errorType`, `path: null`). */
export const validationErrors = (schema: GraphQLSchema, document: DocumentNode): AppSyncError[] => {
  if (validate(schema, document).length === 0) return [];
  const paths = queryPaths(document);
  const out: AppSyncError[] = [];
  for (const rule of specifiedRules) {
    for (const error of validate(schema, document, [rule])) {
      out.push({
        path: null,
        locations: locationsOf(error),
        message: validationMessage(RULE_NAMES.get(rule) ?? 'Invalid', error, paths),
      });
    }
  }
  return out;
};

/** A query that does not parse, as graphql-java reports it. */
export const syntaxError = (error: GraphQLError): AppSyncError => ({
  path: null,
  locations: locationsOf(error),
  message: `Invalid Syntax : ${error.message.replace(/^Syntax Error: /, '')}`,
});

/** Variables that do not coerce (a missing non-null variable, a wrong type). */
export const variableError = (error: GraphQLError): AppSyncError => {
  const missing = /^Variable "\$(\w+)" of required type "([^"]+)" was not provided\.$/.exec(error.message);
  const nulled = /^Variable "\$(\w+)" of non-null type "([^"]+)" must not be null\.$/.exec(error.message);
  const m = missing ?? nulled;
  return {
    path: null,
    locations: null,
    message: m ? `Variable '${m[1]}' has coerced Null value for NonNull type '${m[2]}'` : error.message,
  };
};
