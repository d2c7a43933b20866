import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidName,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileOutbox } from '../sns/outbox';
import { startCloudServer, type RunningCloudServer } from '../sns/cloud-server';
import { stepFunctionsRoutes } from './routes';
import { LocalStepFunctions } from './step-functions';
import { fakeLambda, functionArn, machine } from './testing';
import { localSdkConfig } from '../ports';

const greeter = machine('Greeter', {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Task', Resource: functionArn('greet'), Next: 'Wait' },
    Wait: { Type: 'Task', Resource: functionArn('hold'), ResultPath: null, End: true },
  },
});

let release!: () => void;
const held = new Promise<void>((r) => (release = r));
const sfn = new LocalStepFunctions({
  machines: [greeter],
  tasks: {
    lambda: fakeLambda({
      greet: async (e: { name: string; hold?: boolean }) => ({ greeting: `hello ${e.name}`, hold: e.hold }),
      hold: (e: { hold?: boolean }) => (e.hold ? held : undefined),
    }),
  },
});
let server: RunningCloudServer;
let client: SFNClient;

beforeAll(async () => {
  server = await startCloudServer({ outbox: new FileOutbox(), routes: stepFunctionsRoutes(sfn) }, { port: 0 });
  client = new SFNClient(localSdkConfig(server.url));
});
afterAll(async () => {
  release();
  await sfn.stop();
  client.destroy();
  await server.close();
});

const start = (name: string, input: object) =>
  client.send(new StartExecutionCommand({ stateMachineArn: greeter.arn, name, input: JSON.stringify(input) }));

describe('Step Functions API over @aws-sdk/client-sfn (AWS JSON 1.0)', () => {
  it('lists and describes the state machines', async () => {
    const { stateMachines } = await client.send(new ListStateMachinesCommand({}));
    expect(stateMachines).toEqual([
      { stateMachineArn: greeter.arn, name: 'Greeter', type: 'STANDARD', creationDate: sfn.createdAt },
    ]);
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: greeter.arn }));
    expect(described).toMatchObject({ name: 'Greeter', status: 'ACTIVE', roleArn: greeter.roleArn });
    expect(JSON.parse(described.definition!)).toEqual(greeter.definition);
    await expect(
      client.send(new DescribeStateMachineCommand({ stateMachineArn: `${greeter.arn}Nope` })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it('starts an execution and describes it with dates, output and status', async () => {
    const started = await start('ada', { name: 'Ada' });
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:Greeter:ada');
    expect(started.startDate).toBeInstanceOf(Date);
    await sfn.finished(started.executionArn!);
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: greeter.arn,
      name: 'ada',
      status: 'SUCCEEDED',
      input: '{"name":"Ada"}',
      output: '{"greeting":"hello Ada"}',
    });
    expect(described.startDate!.getTime()).toBe(started.startDate!.getTime());
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
  });

  it('answers a repeated start as Step Functions does, with its error classes', async () => {
    const first = await start('grace', { name: 'Grace', hold: true });
    const again = await start('grace', { name: 'Grace', hold: true });
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    const different = start('grace', { name: 'Other', hold: true });
    await expect(different).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(different).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
      message: `Execution Already Exists: '${first.executionArn}'`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(start('has space', {})).rejects.toBeInstanceOf(InvalidName);
    await expect(
      client.send(new DescribeExecutionCommand({ executionArn: first.executionArn!.replace('grace', 'nobody') })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('stops a running execution', async () => {
    const { executionArn } = await start('linus', { name: 'Linus', hold: true });
    const { stopDate } = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Bored', cause: 'took too long' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Bored', cause: 'took too long' });
  });

  it('lists executions newest first, by status, a page at a time', async () => {
    const all = await client.send(new ListExecutionsCommand({ stateMachineArn: greeter.arn }));
    expect(all.executions!.map((e) => e.name)).toEqual(['linus', 'grace', 'ada']);
    const running = await client.send(
      new ListExecutionsCommand({ stateMachineArn: greeter.arn, statusFilter: 'RUNNING' }),
    );
    expect(running.executions!.map((e) => [e.name, e.status])).toEqual([['grace', 'RUNNING']]);
    const first = await client.send(new ListExecutionsCommand({ stateMachineArn: greeter.arn, maxResults: 2 }));
    expect(first.executions).toHaveLength(2);
    const rest = await client.send(
      new ListExecutionsCommand({ stateMachineArn: greeter.arn, maxResults: 2, nextToken: first.nextToken }),
    );
    expect(rest.executions!.map((e) => e.name)).toEqual(['ada']);
    expect(rest.nextToken).toBeUndefined();
  });

  it('gives the history with AWS event types and timestamps, in either order', async () => {
    const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:Greeter:ada';
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events![0].timestamp).toBeInstanceOf(Date);
    expect(events![2].lambdaFunctionScheduledEventDetails).toMatchObject({
      resource: functionArn('greet'),
      input: '{"name":"Ada"}',
    });
    const reversed = await client.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1, includeExecutionData: false }),
    );
    expect(reversed.events!.map((e) => [e.id, e.type])).toEqual([[12, 'ExecutionSucceeded']]);
    expect(reversed.events![0].executionSucceededEventDetails).toEqual({ outputDetails: { truncated: false } });
    expect(reversed.nextToken).toBeDefined();
  });

  it('answers unknown operations and plain JSON views', async () => {
    const unknown = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.CreateActivity', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });

    const list = (await (await fetch(`${server.url}/stepfunctions/executions?status=SUCCEEDED`)).json()) as {
      name: string;
      startDate: string;
    }[];
    expect(list.map((e) => e.name)).toEqual(['ada']);
    expect(list[0].startDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    const arn = encodeURIComponent('arn:aws:states:us-east-1:000000000000:execution:Greeter:ada');
    const history = (await (await fetch(`${server.url}/stepfunctions/executions/${arn}/history`)).json()) as {
      type: string;
      timestamp: string;
    }[];
    expect(history.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', timestamp: expect.stringMatching(/Z$/) });
    const missing = await fetch(`${server.url}/stepfunctions/executions/${arn}x`);
    expect(missing.status).toBe(404);
    const metrics = await (await fetch(`${server.url}/stepfunctions/metrics`)).json();
    expect(metrics).toMatchObject({ executionsStarted: 3 });
  });
});
