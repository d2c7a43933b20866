export interface Check {
  name: string;
  needed: 'start' | 'test';
  ok: boolean;
  detail: string;
  fix?: string;
}
export const MIN_FREE_DISK_GB: number;
export const MIN_SYSTEM_NODE: number;
export const MIN_JAVA: number;
export function javaMajor(versionOutput: string): number | undefined;
export function portFree(port: number): Promise<boolean>;
export function checks(options?: { ports?: Record<'start' | 'test', Record<string, number>> }): Promise<Check[]>;
