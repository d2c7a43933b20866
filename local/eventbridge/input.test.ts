import { describe, expect, it } from 'vitest';
import { inputSpecOf, parseJsonPath, renderInput } from './input';

/** The EC2 event of "Transforming Amazon EventBridge target input > Input Transform Examples". */
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', count: 3 },
};
const context = {
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ruleName: 'example',
  ingestionTime: '2015-11-11T21:29:55Z',
};
const InputPathsMap = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const transform = (InputTemplate: string, paths: Record<string, string> = InputPathsMap) =>
  renderInput(inputSpecOf({ InputTransformer: { InputPathsMap: paths, InputTemplate } }), event, context);

describe('target input', () => {
  it('is the whole event by default, a constant with Input, a part of it with InputPath', () => {
    expect(JSON.parse(renderInput(inputSpecOf({}), event, context))).toEqual(event);
    expect(renderInput(inputSpecOf({ Input: '{"fixed":true}' }), event, context)).toBe('{"fixed":true}');
    expect(renderInput(inputSpecOf({ InputPath: '$.detail' }), event, context)).toBe(JSON.stringify(event.detail));
    expect(renderInput(inputSpecOf({ InputPath: '$.resources[0]' }), event, context)).toBe(
      JSON.stringify(event.resources[0]),
    );
    expect(renderInput(inputSpecOf({ InputPath: "$.detail['instance-id']" }), event, context)).toBe('"i-0123456789"');
  });

  // The rows of the table in "Input Transform Examples".
  it.each([
    ['Simple string', '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    [
      'String with escaped quotes',
      '"instance \\"<instance>\\" is in <state>"',
      '"instance \\"i-0123456789\\" is in RUNNING"',
    ],
    [
      'Simple JSON',
      '{\n  "instance" : <instance>,\n  "state": <state>\n}',
      '{"instance":"i-0123456789","state":"RUNNING"}',
    ],
    [
      'JSON with strings and variables',
      '{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}',
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    ],
    [
      'JSON with a mix of variables and static information',
      '{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}',
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    ],
    ['Including reserved variables in a string', '"<aws.events.rule-name> triggered"', '"example triggered"'],
  ])('%s', (_name, template, output) => {
    expect(transform(template)).toBe(output);
  });

  it('Including reserved variables in JSON', () => {
    const out = JSON.parse(
      transform(
        '{"instance": <instance>, "ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>, "at": <aws.events.event.ingestion-time>}',
      ),
    );
    expect(out).toEqual({
      instance: 'i-0123456789',
      ruleArn: context.ruleArn,
      ruleName: 'example',
      originalEvent: event,
      at: context.ingestionTime,
    });
    expect(JSON.parse(transform('{"raw": <aws.events.event.json>}')).raw).toBe(JSON.stringify(event));
  });

  it('puts numbers and objects as JSON, and a path the event lacks as null', () => {
    expect(
      transform('{"n": <n>, "d": <d>, "missing": <m>, "text": "[<m>]"}', {
        n: '$.detail.count',
        d: '$.detail',
        m: '$.nope',
      }),
    ).toBe(JSON.stringify({ n: 3, d: event.detail, missing: null, text: '[]' }));
  });

  it('leaves text that is not a variable alone', () => {
    expect(transform('"<b>bold</b> <state>"')).toBe('"<b>bold</b> RUNNING"');
  });

  it('refuses what EventBridge would', () => {
    expect(() => inputSpecOf({ Input: 'not json' })).toThrow(/Input must be valid JSON/);
    expect(() => inputSpecOf({ Input: '{}', InputPath: '$' })).toThrow(/mutually exclusive/);
    expect(() => inputSpecOf({ InputTransformer: { InputPathsMap: {} } })).toThrow(/needs an InputTemplate/);
    expect(() =>
      inputSpecOf({ InputTransformer: { InputPathsMap: { 'aws.events.rule-arn': '$.id' }, InputTemplate: '""' } }),
    ).toThrow(/reserved variable/);
    expect(() => parseJsonPath('detail')).toThrow(/must start with \$/);
    expect(() => parseJsonPath('$.detail[*].id')).toThrow(/not a JSON path the local EventBridge reads/);
    expect(parseJsonPath('$')).toEqual([]);
  });
});
