import { LOCAL_ACCOUNT, LOCAL_REGION, type Assembly, type Naming, type Resource } from '../assembly/assembly';

/** An event bus the local EventBridge accepts events on. */
export interface EventBus {
  readonly name: string;
  /** `arn:aws:events:<region>:<account>:event-bus/<name>`. */
  readonly arn: string;
  /** The logical id of its `AWS::Events::EventBus`; none for the account's `default` bus. */
  readonly logicalId?: string;
}

export const DEFAULT_BUS = 'default';

export const eventBusArn = (name: string): string =>
  `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:event-bus/${name}`;

const busName = (r: Resource): string =>
  typeof r.properties.Name === 'string' ? r.properties.Name : `${r.stack.name}-${r.logicalId}`;

/**
 * A `Naming` (for `new Assembly(dir, naming)`) that names an `AWS::Events::EventBus` as
 * CloudFormation does: `Ref` and `Name` give its name, `Arn` gives `...:event-bus/<name>` (the
 * assembly's generic ARN would say `eventbus/`).
 */
export const eventBusNaming: Naming = {
  physicalId: (r) => (r.type === 'AWS::Events::EventBus' ? busName(r) : undefined),
  attribute: (r, name) => {
    if (r.type !== 'AWS::Events::EventBus') return undefined;
    if (name === 'Arn') return eventBusArn(busName(r));
    if (name === 'Name') return busName(r);
    return undefined;
  },
};

/** The account's `default` bus and every `AWS::Events::EventBus` of the templates. */
export const eventBusesOf = (assembly: Assembly): EventBus[] => [
  { name: DEFAULT_BUS, arn: eventBusArn(DEFAULT_BUS) },
  ...assembly.resources('AWS::Events::EventBus').map((resource) => {
    const name = assembly.refOf(resource);
    return { name, arn: eventBusArn(name), logicalId: resource.logicalId };
  }),
];
