import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of amplify_outputs.json the journeys read themselves. */
export interface Outputs {
  auth?: { user_pool_client_id?: string; aws_region?: string; user_pool_endpoint?: string };
  data?: { url?: string };
  custom?: { userPoolEndpoint?: string; accessNoticeTopicArn?: string };
}

/** amplify_outputs.json (or AMPLIFY_OUTPUTS_PATH), or `{}` when it is absent or unreadable. */
export function readOutputs(): Outputs {
  try {
    const path = process.env.AMPLIFY_OUTPUTS_PATH ?? join(process.cwd(), 'amplify_outputs.json');
    return JSON.parse(readFileSync(path, 'utf8')) as Outputs;
  } catch {
    return {};
  }
}
