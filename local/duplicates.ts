import { seededRate } from './seeded';
import { json, readBody, type CloudRoute } from './sns/cloud-server';

/**
 * At-least-once delivery made visible, for soak runs: a seeded share (`rate`, 0 to 1) of the
 * deliveries from now on goes twice. EventBridge's events and the stream mappings' batches both use
 * it; 0 (the default) turns it off.
 */
export class DuplicateDeliveries {
  private setting = { rate: 0, seed: 'local' };
  private hit: () => boolean = () => false;
  private delivered = 0;

  set({ rate, seed = 'local' }: { rate: number; seed?: string }): { rate: number; seed: string } {
    this.hit = seededRate(rate, seed);
    this.setting = { rate, seed };
    return { ...this.setting };
  }

  /** Whether this delivery goes twice (counted when it does). */
  twice(): boolean {
    if (!this.hit()) return false;
    this.delivered++;
    return true;
  }

  /** The setting, and how many deliveries it has made twice. */
  summary(): { rate: number; seed: string; delivered: number } {
    return { ...this.setting, delivered: this.delivered };
  }
}

/** `GET|PUT <path>` (`{ rate, seed }`): reads or changes a duplicate-delivery setting. */
export const duplicatesRoute =
  (path: string, duplicates: DuplicateDeliveries): CloudRoute =>
  async (req, res, at) => {
    if (at.pathname !== path) return false;
    if (req.method === 'GET') json(res, 200, duplicates.summary());
    else if (req.method === 'PUT') {
      try {
        json(res, 200, duplicates.set(JSON.parse(await readBody(req)) as { rate: number; seed?: string }));
      } catch (error) {
        json(res, 400, { message: (error as Error).message });
      }
    } else json(res, 405, { message: `${req.method} ${at.pathname} is not supported` });
    return true;
  };
