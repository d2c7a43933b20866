import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HistoryEvent } from './history';
import { parseExecutionArn } from './names';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What the local Step Functions remembers of an execution (dates as ISO strings). */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  /** JSON text, as given to StartExecution. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** How often it was started again from the beginning because the local cloud stopped while it ran. */
  restarts: number;
}

const readLines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as T];
      } catch {
        return []; // a torn last line (the process died mid-write)
      }
    });

/**
 * Executions and their histories, in memory and (given a folder) on disk, append-only:
 * `executions.jsonl` has a line for every change of an execution (the last one counts), and
 * `history/<state machine>/<execution>.jsonl` an execution's history events.
 */
export class ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly histories = new Map<string, HistoryEvent[]>();

  constructor(readonly dir?: string) {
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'executions.jsonl');
    if (existsSync(file)) for (const r of readLines<ExecutionRecord>(file)) this.records.set(r.executionArn, r);
  }

  get(executionArn: string): ExecutionRecord | undefined {
    const record = this.records.get(executionArn);
    return record && { ...record };
  }

  /** Every execution, oldest first. */
  all(): ExecutionRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  put(record: ExecutionRecord): void {
    if (this.dir) appendFileSync(join(this.dir, 'executions.jsonl'), `${JSON.stringify(record)}\n`);
    this.records.set(record.executionArn, { ...record });
  }

  history(executionArn: string): HistoryEvent[] {
    let events = this.histories.get(executionArn);
    if (!events) {
      const file = this.historyFile(executionArn);
      events = file && existsSync(file) ? readLines<HistoryEvent>(file) : [];
      this.histories.set(executionArn, events);
    }
    return [...events];
  }

  appendHistory(executionArn: string, event: HistoryEvent): void {
    const events = this.histories.get(executionArn) ?? this.history(executionArn);
    const file = this.historyFile(executionArn);
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${JSON.stringify(event)}\n`);
    }
    events.push(event);
    this.histories.set(executionArn, events);
  }

  /** Forgets an execution's history (it is about to run again from the beginning). */
  clearHistory(executionArn: string): void {
    const file = this.historyFile(executionArn);
    if (file && existsSync(file)) writeFileSync(file, '');
    this.histories.set(executionArn, []);
  }

  private historyFile(executionArn: string): string | undefined {
    if (!this.dir) return undefined;
    const { stateMachineName, name } = parseExecutionArn(executionArn);
    return join(this.dir, 'history', stateMachineName, `${name}.jsonl`);
  }
}
