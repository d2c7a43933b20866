import { describe, expect, it } from 'vitest';
import { matches, parsePattern, PatternError } from './pattern';

/** The EC2 event of "Creating Amazon EventBridge event patterns" (eb-event-patterns). */
const ec2 = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

/** The sample event of Event Ruler's README ("Ruler by Example"), which AWS's guide reuses. */
const ruler = {
  ...ec2,
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const withDetail = (detail: object) => ({ ...ec2, detail });

type Row = [name: string, event: unknown, pattern: object, expected: boolean];

const rows: Row[] = [
  // "Creating Amazon EventBridge event patterns": the instance-termination pattern.
  [
    'source, detail-type and detail.state',
    ec2,
    {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    },
    true,
  ],
  ['a different state', ec2, { source: ['aws.ec2'], detail: { state: ['running'] } }, false],
  // "Event pattern syntax > Matching event values": aws.ec2 or aws.fargate.
  ['a list of values is OR', ec2, { source: ['aws.ec2', 'aws.fargate'] }, true],
  ['a field the event lacks', ec2, { detail: { nope: ['x'] } }, false],
  // "Arrays in Amazon EventBridge event patterns": the intersection of the arrays is not empty.
  [
    'an event array matching one value of the pattern',
    {
      ...ec2,
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    },
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    true,
  ],
  // "Matching events on null values and empty strings".
  [
    'an empty string',
    withDetail({ eventVersion: '', responseElements: null }),
    { detail: { eventVersion: [''] } },
    true,
  ],
  ['null', withDetail({ eventVersion: '', responseElements: null }), { detail: { responseElements: [null] } }, true],
  [
    'null is not the empty string',
    withDetail({ responseElements: null }),
    { detail: { responseElements: [''] } },
    false,
  ],
  ['the empty string is not null', withDetail({ eventVersion: '' }), { detail: { eventVersion: [null] } }, false],
  ['null is not a missing field', withDetail({}), { detail: { responseElements: [null] } }, false],
  // "Comparison operators": Equals, numbers, booleans.
  ['Equals: Name is "Alice"', withDetail({ Name: 'Alice' }), { detail: { Name: ['Alice'] } }, true],
  ['Equals is case-sensitive', withDetail({ Name: 'alice' }), { detail: { Name: ['Alice'] } }, false],
  [
    'Numeric (equals): Price is 100',
    withDetail({ Price: 100 }),
    { detail: { Price: [{ numeric: ['=', 100] }] } },
    true,
  ],
  ['a number is not its string', withDetail({ Price: '100' }), { detail: { Price: [100] } }, false],
  ['300 is 3.0e2', withDetail({ n: JSON.parse('3.0e2') as number }), JSON.parse('{"detail":{"n":[300]}}'), true],
  ['true', withDetail({ ok: true }), { detail: { ok: [true] } }, true],
  ['true is not "true"', withDetail({ ok: 'true' }), { detail: { ok: [true] } }, false],
  // "Comparison operators > Prefix matching".
  ['prefix on time', ruler, { time: [{ prefix: '2017-10-02' }] }, true],
  ['prefix not matching', ec2, { time: [{ prefix: '2017-10-02' }] }, false],
  ['prefix only on strings', withDetail({ n: 123 }), { detail: { n: [{ prefix: '1' }] } }, false],
  // "Prefix matching while ignoring case".
  [
    'prefix equals-ignore-case',
    withDetail({ service: 'EVENTBRIDGE' }),
    { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    true,
  ],
  // "Suffix matching" and "Suffix matching while ignoring case".
  ['suffix', withDetail({ FileName: 'photo.png' }), { detail: { FileName: [{ suffix: '.png' }] } }, true],
  ['suffix not matching', withDetail({ FileName: 'photo.PNG' }), { detail: { FileName: [{ suffix: '.png' }] } }, false],
  [
    'suffix equals-ignore-case',
    withDetail({ FileName: 'photo.PNG' }),
    { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    true,
  ],
  // "Anything-but matching": a string, a number, lists.
  ['anything-but a string', ruler, { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
  ['anything-but the value', ruler, { detail: { state: [{ 'anything-but': 'running' }] } }, false],
  ['anything-but a number', ruler, { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, true],
  [
    'anything-but a list of strings',
    withDetail({ state: 'stopped' }),
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    false,
  ],
  [
    'anything-but a list of numbers',
    withDetail({ 'x-limit': 200 }),
    { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    false,
  ],
  ['anything-but needs the field', withDetail({}), { detail: { state: [{ 'anything-but': 'initializing' }] } }, false],
  // "Anything-but (begins with)", "(ends with)", "(ignore case)", "using a wildcard".
  [
    'anything-but prefix',
    withDetail({ state: 'initializing' }),
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    false,
  ],
  ['anything-but prefix passes others', ruler, { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, true],
  [
    'anything-but suffix',
    withDetail({ FileName: 'a.png' }),
    { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } },
    false,
  ],
  [
    'anything-but equals-ignore-case',
    withDetail({ state: 'INITIALIZING' }),
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    false,
  ],
  [
    'anything-but equals-ignore-case list',
    withDetail({ state: 'Running' }),
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['stopped', 'overloaded'] } }] } },
    true,
  ],
  [
    'anything-but wildcard',
    withDetail({ FilePath: 'dir/lib/x.js' }),
    { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    false,
  ],
  [
    'anything-but wildcard passes others',
    withDetail({ FilePath: 'dir/src/x.js' }),
    { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    true,
  ],
  // "Numeric matching": all three ranges of the guide's example.
  [
    'numeric ranges',
    ruler,
    {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    true,
  ],
  [
    'numeric upper bound',
    withDetail({ 'c-count': 6 }),
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    false,
  ],
  [
    'numeric lower bound open',
    withDetail({ 'c-count': 0 }),
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    false,
  ],
  ['numeric >=', withDetail({ Price: 10 }), { detail: { Price: [{ numeric: ['>=', 10, '<', 20] }] } }, true],
  ['numeric only on numbers', withDetail({ Price: '5' }), { detail: { Price: [{ numeric: ['<', 10] }] } }, false],
  // "IP address matching".
  ['cidr', ruler, { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
  [
    'cidr outside',
    withDetail({ 'source-ip': '10.0.1.1' }),
    { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
    false,
  ],
  ['cidr IPv6', withDetail({ ip: '2001:db8::1' }), { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, true],
  ['cidr not an address', withDetail({ ip: 'localhost' }), { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, false],
  // "Exists matching": on a leaf, not on an intermediate node.
  ['exists true', ec2, { detail: { state: [{ exists: true }] } }, true],
  ['exists true, missing', withDetail({ 'c-count': { c1: 100 } }), { detail: { state: [{ exists: true }] } }, false],
  ['exists false', ec2, { detail: { 'c-count': [{ exists: false }] } }, true],
  [
    'exists false on an object (not a leaf)',
    withDetail({ 'c-count': { c1: 100 } }),
    { detail: { 'c-count': [{ exists: false }] } },
    true,
  ],
  [
    'exists true on an object (not a leaf)',
    withDetail({ 'c-count': { c1: 100 } }),
    { detail: { 'c-count': [{ exists: true }] } },
    false,
  ],
  ['exists false, present', ec2, { detail: { state: [{ exists: false }] } }, false],
  ['exists true on null', withDetail({ x: null }), { detail: { x: [{ exists: true }] } }, true],
  [
    'exists false when the parent is missing',
    { ...ec2, detail: undefined },
    { detail: { x: [{ exists: false }] } },
    true,
  ],
  [
    'exists on a nested leaf',
    withDetail({ a: { b: { c: 1 } } }),
    { detail: { a: { b: { c: [{ exists: true }] } } } },
    true,
  ],
  ['exists true on an array', withDetail({ tags: ['a'] }), { detail: { tags: [{ exists: true }] } }, true],
  ['exists true on an empty array', withDetail({ tags: [] }), { detail: { tags: [{ exists: true }] } }, false],
  ['exists false on an empty array', withDetail({ tags: [] }), { detail: { tags: [{ exists: false }] } }, true],
  // "Equals (ignore case)".
  [
    'equals-ignore-case',
    withDetail({ Name: 'ALICE' }),
    { detail: { Name: [{ 'equals-ignore-case': 'alice' }] } },
    true,
  ],
  [
    'equals-ignore-case only strings',
    withDetail({ Name: 1 }),
    { detail: { Name: [{ 'equals-ignore-case': '1' }] } },
    false,
  ],
  // "Wildcard": any file with a .png extension in the folder "dir".
  ['wildcard', withDetail({ FileName: 'dir/photo.png' }), { detail: { FileName: [{ wildcard: 'dir/*.png' }] } }, true],
  [
    'wildcard elsewhere',
    withDetail({ FileName: 'other/photo.png' }),
    { detail: { FileName: [{ wildcard: 'dir/*.png' }] } },
    false,
  ],
  [
    'wildcard matches zero characters',
    withDetail({ FileName: 'dir/.png' }),
    { detail: { FileName: [{ wildcard: 'dir/*.png' }] } },
    true,
  ],
  ['wildcard several', withDetail({ t: 'a Title here' }), { detail: { t: [{ wildcard: '*Title*' }] } }, true],
  ['wildcard escaped asterisk', withDetail({ t: 'a*b' }), { detail: { t: [{ wildcard: 'a\\*b' }] } }, true],
  [
    'wildcard escaped asterisk is literal',
    withDetail({ t: 'axxb' }),
    { detail: { t: [{ wildcard: 'a\\*b' }] } },
    false,
  ],
  ['wildcard escaped backslash', withDetail({ t: 'a\\b' }), { detail: { t: [{ wildcard: 'a\\\\b' }] } }, true],
  ['wildcard regex characters are literal', withDetail({ t: 'a.c' }), { detail: { t: [{ wildcard: 'a.c' }] } }, true],
  ['wildcard dot is not any character', withDetail({ t: 'abc' }), { detail: { t: [{ wildcard: 'a.c' }] } }, false],
  // "Or": PaymentType is "Credit" or "Debit"; Location is "New York", or Day is "Monday".
  ['Or on one field', withDetail({ PaymentType: 'Debit' }), { detail: { PaymentType: ['Credit', 'Debit'] } }, true],
  [
    '$or across fields',
    withDetail({ Location: 'Paris', Day: 'Monday' }),
    { detail: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] } },
    true,
  ],
  [
    '$or none matching',
    withDetail({ Location: 'Paris', Day: 'Friday' }),
    { detail: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] } },
    false,
  ],
  // Event Ruler README, "$or": source && (metricName || (metricType && namespace) || scope).
  [
    '$or with an AND branch',
    { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' },
    {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] },
        { scope: ['Service'] },
      ],
    },
    true,
  ],
  [
    '$or AND branch half matching',
    { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/S3' },
    {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'] }],
    },
    false,
  ],
  // Event Ruler README, "JSON Array Matching": objects in arrays, never mixed across elements.
  [
    'a field inside an array of objects',
    {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
      ],
    },
    { employees: { firstName: ['Anna'] } },
    true,
  ],
  [
    'fields of two different array elements do not combine',
    { employees: [[{ firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] },
    { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
    false,
  ],
  [
    'fields of one element combine, in nested arrays too',
    { employees: [[{ firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] },
    { employees: { firstName: ['Peter'], lastName: ['Jones'] } },
    true,
  ],
  [
    'an operator on an array of strings',
    withDetail({ tags: ['x-1', 'y-2'] }),
    { detail: { tags: [{ prefix: 'y-' }] } },
    true,
  ],
  ['an empty event array matches no value', withDetail({ tags: [] }), { detail: { tags: ['a'] } }, false],
  // Edge cases.
  ['a pattern object against a scalar', withDetail({ a: 5 }), { detail: { a: { b: ['x'] } } }, false],
  ['a value pattern against an object', withDetail({ a: { b: 1 } }), { detail: { a: [1] } }, false],
];

describe('event pattern matching (AWS documentation examples and edge cases)', () => {
  it.each(rows)('%s', (_name, event, pattern, expected) => {
    expect(matches(parsePattern(pattern), event)).toBe(expected);
  });

  it('reads a pattern given as JSON text, as CloudFormation may hold it', () => {
    expect(matches(parsePattern('{"source":["aws.ec2"]}'), ec2)).toBe(true);
  });
});

describe('event pattern validation', () => {
  const invalid: [pattern: unknown, reason: RegExp][] = [
    ['[1]', /Filter is not an object/],
    ['{not json', /not JSON/],
    [{}, /Empty objects are not allowed/],
    [{ detail: {} }, /Empty objects are not allowed \(at detail\)/],
    [{ source: [] }, /Empty arrays are not allowed \(at source\)/],
    [{ source: 'aws.ec2' }, /"source" must be an object or an array/],
    [{ source: [['a']] }, /Match value must be/],
    [{ source: [{ regex: 'a.*' }] }, /Unrecognized match type regex \(at source\[0\]\)/],
    [{ source: [{ prefix: 'a', suffix: 'b' }] }, /Only one key allowed/],
    [{ source: [{ prefix: 1 }] }, /prefix match pattern must be a string/],
    [{ n: [{ numeric: ['>', 'a'] }] }, /Value of > must be numeric/],
    [{ n: [{ numeric: ['<', 1, '>', 0] }] }, /Too many elements/],
    [{ n: [{ numeric: ['>', 0, '>', 1] }] }, /Bad numeric range operator/],
    [{ n: [{ numeric: ['!=', 1] }] }, /Unrecognized numeric range operator/],
    [{ n: [{ numeric: ['<', 6e9] }] }, /between -5.0E9 and \+5.0E9/],
    [{ s: [{ 'anything-but': [1, 'a'] }] }, /mixed type is not supported/],
    [{ s: [{ 'anything-but': { prefix: '' } }] }, /Null prefix\/suffix not allowed/],
    [{ s: [{ 'anything-but': { numeric: ['<', 1] } }] }, /Unsupported anything-but pattern: numeric/],
    [{ s: [{ 'anything-but': null }] }, /must be an array or single string\/number value/],
    [{ s: [{ exists: 'yes' }] }, /exists match pattern must be either true or false/],
    [{ s: [{ cidr: '10.0.0.0/33' }] }, /Nonstandard IP address/],
    [{ s: [{ wildcard: 'a**b' }] }, /Consecutive wildcard characters/],
    [{ s: [{ wildcard: 'a\\b' }] }, /Invalid escape character/],
    [{ $or: [{ a: ['x'] }] }, /at least 2 Objects in \$or/],
    [{ $or: { a: ['x'] } }, /It must be an Array followed with \$or/],
    [{ $or: [{ a: ['x'] }, 'b'] }, /Only JSON object is allowed/],
    [{ $or: [{ a: ['x'] }, { prefix: ['b'] }] }, /prefix is Ruler reserved fieldName/],
  ];

  it.each(invalid)('refuses %j', (pattern, reason) => {
    expect(() => parsePattern(pattern)).toThrow(PatternError);
    expect(() => parsePattern(pattern)).toThrow(reason);
  });
});
