import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a mapping is in one shard. */
export interface ShardCheckpoint {
  /** The last record done with (delivered, filtered out or discarded). */
  sequenceNumber?: string;
  /** The shard is closed and every record of it was done with. */
  finished?: boolean;
}

/** Per mapping and stream: whether it ever started (so `LATEST` applies once), and each shard's checkpoint. */
interface MappingCheckpoints {
  started: boolean;
  shards: Record<string, ShardCheckpoint>;
}

/**
 * The mappings' positions, in one JSON file under the data folder, written after every change, so
 * that a restart resumes each shard after its last record done (at least once, as on AWS).
 */
export class Checkpoints {
  private readonly data: Record<string, MappingCheckpoints>;

  constructor(private readonly file?: string) {
    this.data =
      file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, MappingCheckpoints>) : {};
  }

  /** Mapping and stream: a recreated table has a new stream, and its old positions mean nothing. */
  private entry(mapping: string, streamArn: string): MappingCheckpoints {
    return (this.data[`${mapping} ${streamArn}`] ??= { started: false, shards: {} });
  }

  started(mapping: string, streamArn: string): boolean {
    return this.entry(mapping, streamArn).started;
  }

  markStarted(mapping: string, streamArn: string): void {
    this.entry(mapping, streamArn).started = true;
    this.save();
  }

  shard(mapping: string, streamArn: string, shardId: string): ShardCheckpoint | undefined {
    return this.entry(mapping, streamArn).shards[shardId];
  }

  set(mapping: string, streamArn: string, shardId: string, checkpoint: ShardCheckpoint): void {
    this.entry(mapping, streamArn).shards[shardId] = checkpoint;
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.data, null, 1));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
