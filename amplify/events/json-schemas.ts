import { z } from 'zod/v4';
import { EVENTS, detailSchema, type EventName } from './contracts';

/** Where each event's JSON Schema is published, and what it says. */
export const jsonSchemas = (): { file: string; text: string }[] =>
  (Object.keys(EVENTS) as EventName[]).map((name) => {
    const { detailType, source } = EVENTS[name];
    const schema = {
      $id: `https://github.com/cloudshop/cloudshop/docs/events/${detailType}.json`,
      title: detailType,
      description: `The detail of ${detailType} events from ${source} on the shop's event bus.`,
      ...z.toJSONSchema(detailSchema(name)),
    };
    return { file: `docs/events/${detailType}.json`, text: `${JSON.stringify(schema, null, 2)}\n` };
  });
