import { describe, expect, it } from 'vitest';
import { executionPath, renderGraph, stateGraph, type AslDefinition, type HistoryLike } from './graph';

/** The checkout saga's shape: five steps, each later one caught into the compensations before it. */
const task = (next: string | undefined, catchTo?: string) => ({
  Type: 'Task',
  ...(next ? { Next: next } : { End: true }),
  ...(catchTo ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: catchTo }] } : {}),
});
const checkout: AslDefinition = {
  StartAt: 'Reserve',
  States: {
    Reserve: task('Authorize', 'MarkFailed'),
    Authorize: task('Capture', 'Release'),
    Capture: task('Commit', 'Void'),
    Commit: task('Confirm', 'Refund'),
    Confirm: task(undefined),
    Refund: task('Release'),
    Void: task('Release'),
    Release: task('MarkFailed'),
    MarkFailed: task('Failed'),
    Failed: { Type: 'Fail' },
  },
};

const entered = (name: string, type = 'Task'): HistoryLike => ({
  type: `${type}StateEntered`,
  stateEnteredEventDetails: { name },
});
const ev = (type: string): HistoryLike => ({ type });

describe('stateGraph', () => {
  it('has a node per state and the Next, Catch, Choice and Default edges', () => {
    const graph = stateGraph(checkout);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(Object.keys(checkout.States).sort());
    expect(graph.edges).toContainEqual({ from: 'Reserve', to: 'Authorize', kind: 'next' });
    expect(graph.edges).toContainEqual({ from: 'Commit', to: 'Refund', kind: 'catch', label: 'States.ALL' });
    const choice = stateGraph({
      StartAt: 'Pick',
      States: {
        Pick: { Type: 'Choice', Choices: [{ Next: 'A' }], Default: 'B' },
        A: { Type: 'Succeed' },
        B: { Type: 'Pass', Next: 'Pick' },
      },
    });
    expect(choice.edges).toEqual([
      { from: 'Pick', to: 'A', kind: 'choice' },
      { from: 'Pick', to: 'B', kind: 'default' },
      { from: 'B', to: 'Pick', kind: 'next' },
    ]);
    // the loop back to Pick does not push Pick below B
    expect(choice.nodes.find((n) => n.id === 'Pick')!.rank).toBe(0);
  });

  it('lays the happy path out top to bottom in the first column, every forward edge pointing down', () => {
    const graph = stateGraph(checkout);
    const at = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(
      ['Reserve', 'Authorize', 'Capture', 'Commit', 'Confirm'].map((s) => [at.get(s)!.rank, at.get(s)!.column]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    for (const e of graph.edges) expect(at.get(e.to)!.rank).toBeGreaterThan(at.get(e.from)!.rank);
  });

  it('names a missing state', () => {
    expect(() => stateGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } })).toThrow(
      'state A goes to B, which is not a state',
    );
  });
});

describe('executionPath', () => {
  it('reads the states a confirmed order went through, none failed', () => {
    const history = [
      ev('ExecutionStarted'),
      ...['Reserve', 'Authorize', 'Capture', 'Commit', 'Confirm'].flatMap((s) => [
        entered(s),
        ev('LambdaFunctionScheduled'),
        ev('LambdaFunctionStarted'),
        ev('LambdaFunctionSucceeded'),
        { type: 'TaskStateExited' },
      ]),
      ev('ExecutionSucceeded'),
    ];
    const path = executionPath(history, checkout);
    expect(path.entered).toEqual(['Reserve', 'Authorize', 'Capture', 'Commit', 'Confirm']);
    expect(path.failed).toEqual([]);
    expect(path.transitions[0]).toEqual(['Reserve', 'Authorize']);
  });

  it('marks the step whose last attempt failed and the Fail state, not a step a retry rescued', () => {
    const history = [
      entered('Reserve'),
      ev('LambdaFunctionFailed'),
      ev('LambdaFunctionSucceeded'), // retried
      entered('Authorize'),
      ev('LambdaFunctionFailed'),
      ev('LambdaFunctionTimedOut'), // caught
      entered('Release'),
      ev('LambdaFunctionSucceeded'),
      entered('MarkFailed'),
      ev('LambdaFunctionSucceeded'),
      entered('Failed', 'Fail'),
      ev('ExecutionFailed'),
    ];
    const path = executionPath(history, checkout);
    expect(path.entered).toEqual(['Reserve', 'Authorize', 'Release', 'MarkFailed', 'Failed']);
    expect(path.failed).toEqual(['Authorize', 'Failed']);
  });
});

describe('renderGraph', () => {
  const svgOf = (history: HistoryLike[]) =>
    renderGraph(stateGraph(checkout), executionPath(history, checkout), 'Checkout <saga>');
  const attr = (svg: string, state: string, name: string) =>
    new RegExp(`data-state="${state}"[^>]*data-${name}="(\\w+)"`).exec(svg)?.[1];

  it('marks the visited states and taken edges, and leaves the others unmarked', () => {
    const svg = svgOf([entered('Reserve'), entered('Authorize'), ev('TaskFailed'), entered('Release')]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-label="Checkout &lt;saga&gt;"');
    expect(attr(svg, 'Reserve', 'visited')).toBe('true');
    expect(attr(svg, 'Authorize', 'failed')).toBe('true');
    expect(attr(svg, 'Capture', 'visited')).toBe('false');
    expect(attr(svg, 'Refund', 'visited')).toBe('false');
    expect(svg).toMatch(/data-from="Authorize" data-to="Release" data-kind="catch" data-taken="true"/);
    expect(svg).not.toMatch(/data-from="Authorize" data-to="Capture" data-kind="next" data-taken/);
  });
});
