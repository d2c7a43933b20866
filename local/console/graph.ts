/**
 * A state machine drawn from its ASL definition, with the path one execution took: the console's
 * saga view. Pure functions (no I/O), so the drawing is tested without a cloud.
 */

/** The parts of an ASL state the drawing reads. */
interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next?: string }[];
  Catch?: { Next?: string; ErrorEquals?: string[] }[];
}

/** The parts of an ASL definition the drawing reads. */
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

export type EdgeKind = 'next' | 'catch' | 'choice' | 'default';

export interface GraphNode {
  id: string;
  type: string;
  /** Layer (top to bottom) and position within it. */
  rank: number;
  column: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The `ErrorEquals` of a Catch edge. */
  label?: string;
}

export interface StateGraph {
  start: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The top-level states and their Next, Default, Choice and Catch edges (Map/Parallel drawn as one node). */
export const stateGraph = (definition: AslDefinition): StateGraph => {
  const states = definition.States ?? {};
  if (!(definition.StartAt in states)) throw new Error(`StartAt names ${definition.StartAt}, which is not a state`);
  const edges: GraphEdge[] = [];
  const add = (from: string, to: string | undefined, kind: EdgeKind, label?: string) => {
    if (to === undefined) return;
    if (!(to in states)) throw new Error(`state ${from} goes to ${to}, which is not a state`);
    if (!edges.some((e) => e.from === from && e.to === to && e.kind === kind))
      edges.push({ from, to, kind, ...(label ? { label } : {}) });
  };
  for (const [name, state] of Object.entries(states)) {
    add(name, state.Next, 'next');
    for (const choice of state.Choices ?? []) add(name, choice.Next, 'choice');
    add(name, state.Default, 'default');
    for (const c of state.Catch ?? []) add(name, c.Next, 'catch', c.ErrorEquals?.join(', '));
  }

  // Layers: the longest path from the start over the edges that do not loop back, so that every
  // forward edge points down; states the start cannot reach go last.
  const out = (name: string) => edges.filter((e) => e.from === name).map((e) => e.to);
  const back = new Set<string>();
  const seen = new Set<string>();
  const onStack = new Set<string>();
  const order: string[] = [];
  const discovered: string[] = [];
  const visit = (name: string) => {
    seen.add(name);
    discovered.push(name);
    onStack.add(name);
    for (const to of out(name)) {
      if (onStack.has(to)) back.add(`${name}\u0000${to}`);
      else if (!seen.has(to)) visit(to);
    }
    onStack.delete(name);
    order.push(name);
  };
  visit(definition.StartAt);
  for (const name of Object.keys(states)) if (!seen.has(name)) visit(name);
  const rank = new Map<string, number>();
  for (const name of [...order].reverse()) {
    if (!rank.has(name)) rank.set(name, 0);
    for (const to of out(name))
      if (!back.has(`${name}\u0000${to}`)) rank.set(to, Math.max(rank.get(to) ?? 0, rank.get(name)! + 1));
  }
  const columns = new Map<number, number>();
  // Within a layer, the state a `Next` chain reaches first takes the first column (the happy path).
  const byPath = [...discovered].sort((a, b) => rank.get(a)! - rank.get(b)!);
  const nodes = byPath.map((id): GraphNode => {
    const r = rank.get(id)!;
    const column = columns.get(r) ?? 0;
    columns.set(r, column + 1);
    return { id, type: states[id].Type, rank: r, column };
  });
  return { start: definition.StartAt, nodes, edges };
};

/** A history event as `GetExecutionHistory` (or the local `/history` route) answers it. */
export interface HistoryLike {
  type: string;
  stateEnteredEventDetails?: { name?: unknown };
}

/** The path an execution took through its states. */
export interface ExecutionPath {
  /** The states entered, in order (a state entered twice appears twice). */
  entered: string[];
  /** The states whose last attempt failed (a caught or final error), and Fail states reached. */
  failed: string[];
  /** Transitions taken: `[from, to]` of consecutive states entered. */
  transitions: [string, string][];
}

const FAILURES = /^(LambdaFunction|Task)(Failed|TimedOut|StartFailed|SubmitFailed)$|^LambdaFunctionScheduleFailed$/;
const SUCCESSES = /^(LambdaFunction|Task)Succeeded$/;

/** Reads the states an execution went through, and which of them failed, from its history. */
export const executionPath = (history: readonly HistoryLike[], definition?: AslDefinition): ExecutionPath => {
  const entered: string[] = [];
  const failed = new Set<string>();
  let current: string | undefined;
  for (const event of history) {
    if (event.type.endsWith('StateEntered')) {
      const name = String(event.stateEnteredEventDetails?.name ?? '');
      entered.push(name);
      current = name;
      failed.delete(name); // entered again: its earlier failure was caught and it runs anew
      if (definition?.States[name]?.Type === 'Fail') failed.add(name);
    } else if (current && FAILURES.test(event.type)) failed.add(current);
    else if (current && SUCCESSES.test(event.type)) failed.delete(current);
    else if (current && /^Execution(Failed|TimedOut|Aborted)$/.test(event.type)) failed.add(current);
  }
  const transitions = entered.slice(1).map((to, i): [string, string] => [entered[i], to]);
  return { entered, failed: [...new Set(entered)].filter((s) => failed.has(s)), transitions };
};

const esc = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

const NODE_W = 170;
const NODE_H = 36;
const GAP_X = 30;
const GAP_Y = 34;
const PAD = 12;
/** Room on the left for edges that skip layers: they curve around the states between. */
const DETOUR = 26;

/**
 * The graph as an accessible SVG: each state a `<g data-state>` with `data-visited` and
 * `data-failed`, its title saying so; the edges the execution took are drawn `data-taken`.
 */
export const renderGraph = (graph: StateGraph, path?: ExecutionPath, title = 'State machine'): string => {
  const visited = new Set(path?.entered ?? []);
  const failed = new Set(path?.failed ?? []);
  const taken = new Set((path?.transitions ?? []).map(([a, b]) => `${a}\u0000${b}`));
  const position = new Map(
    graph.nodes.map((n) => [
      n.id,
      { x: PAD + DETOUR + n.column * (NODE_W + GAP_X), y: PAD + n.rank * (NODE_H + GAP_Y) },
    ]),
  );
  const width = PAD * 2 + DETOUR + (Math.max(0, ...graph.nodes.map((n) => n.column)) + 1) * (NODE_W + GAP_X) - GAP_X;
  const height = PAD * 2 + (Math.max(0, ...graph.nodes.map((n) => n.rank)) + 1) * (NODE_H + GAP_Y) - GAP_Y;

  const edges = graph.edges.map((e) => {
    const a = position.get(e.from)!;
    const b = position.get(e.to)!;
    const down = b.y > a.y;
    const skips = down && a.x === b.x && b.y - a.y > NODE_H + GAP_Y;
    let d: string;
    if (skips) {
      // From the left side of one state to the left side of the other, around the states between.
      const [x1, y1, x2, y2] = [a.x, a.y + NODE_H / 2, b.x, b.y + NODE_H / 2];
      const span = Math.round((b.y - a.y) / (NODE_H + GAP_Y));
      const out = a.x - Math.min(DETOUR - 2, 8 + 5 * span);
      d = `M${x1},${y1} C${out},${y1} ${out},${y2} ${x2},${y2}`;
    } else {
      const x1 = a.x + NODE_W / 2;
      const y1 = down ? a.y + NODE_H : a.y;
      const x2 = b.x + NODE_W / 2;
      const y2 = down ? b.y : b.y + NODE_H;
      const bend = down ? 0 : 40; // loops and sideways edges curve out of the way
      d = `M${x1},${y1} C${x1 + bend},${(y1 + y2) / 2} ${x2 + bend},${(y1 + y2) / 2} ${x2},${y2}`;
    }
    const isTaken = taken.has(`${e.from}\u0000${e.to}`);
    return `<path class="edge edge-${e.kind}${isTaken ? ' taken' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" data-kind="${e.kind}"${isTaken ? ' data-taken="true"' : ''} d="${d}" marker-end="url(#arrow${isTaken ? '-taken' : ''})"><title>${esc(`${e.from} → ${e.to} (${e.kind}${e.label ? `: ${e.label}` : ''})`)}</title></path>`;
  });
  const nodes = graph.nodes.map((n) => {
    const { x, y } = position.get(n.id)!;
    const isVisited = visited.has(n.id);
    const isFailed = failed.has(n.id);
    const status = isFailed ? 'failed' : isVisited ? 'visited' : 'not run';
    const label = n.id.length > 22 ? `${n.id.slice(0, 21)}…` : n.id;
    return `<g class="state${isVisited ? ' visited' : ''}${isFailed ? ' failed' : ''}" data-state="${esc(n.id)}" data-type="${esc(n.type)}" data-visited="${isVisited}" data-failed="${isFailed}"><title>${esc(`${n.id} (${n.type}): ${status}`)}</title><rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="${n.type === 'Task' ? 6 : 18}"/><text x="${x + NODE_W / 2}" y="${y + NODE_H / 2}" dominant-baseline="middle" text-anchor="middle">${isFailed ? '✗ ' : isVisited ? '✓ ' : ''}${esc(label)}</text></g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker>',
    '<marker id="arrow-taken" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow taken"/></marker></defs>',
    ...edges,
    ...nodes,
    '</svg>',
  ].join('');
};
