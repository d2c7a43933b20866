import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';

const ROOT_TYPES = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/**
 * The root fields a GraphQL request asks for, as `Type.field` (`Query.me`), in the operation
 * AppSync will run: the one named `operationName`, else the only one. Aliases are resolved to the
 * field, fragments at the root are followed (once each, so a cyclic fragment cannot loop), and
 * introspection fields are left out. The authorizer runs before AppSync validates the request,
 * so a document that does not parse or names no runnable operation asks for nothing here
 * (AppSync refuses it itself).
 */
export const requestedOperations = (queryString: string, operationName?: string | null): string[] => {
  let document: DocumentNode;
  try {
    document = parse(queryString, { noLocation: true });
  } catch {
    return [];
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return [];

  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const rootType = ROOT_TYPES[operation.operation];
  const fields = new Set<string>();
  const followed = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) fields.add(`${rootType}.${selection.name.value}`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!followed.has(selection.name.value)) {
        followed.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...fields];
};
