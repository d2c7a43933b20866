import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { requiredEnv } from '../shared/environment';

type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { errorType?: string; message?: string }[];
}

/**
 * GraphQL requests to AppSync signed with the function's IAM credentials (SigV4, service
 * `appsync`), for operations only IAM callers may run. Throws, naming AppSync's errors, when the
 * request is refused or any error comes back, so a stream batch is retried.
 */
export class SignedGraphqlClient {
  private readonly signer: SignatureV4;

  constructor(
    private readonly endpoint: URL,
    region: string,
    credentials: Credentials = defaultProvider(),
    private readonly send: typeof fetch = fetch,
  ) {
    this.signer = new SignatureV4({ service: 'appsync', region, credentials, sha256: Sha256 });
  }

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): SignedGraphqlClient {
    return new SignedGraphqlClient(
      new URL(requiredEnv(env, 'GRAPHQL_ENDPOINT', 'live')),
      requiredEnv(env, 'AWS_REGION', 'live'),
    );
  }

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const url = this.endpoint;
    const body = JSON.stringify({ query, variables });
    const signed = await this.signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    });
    // fetch sets the same Host itself.
    const { host: _host, ...headers } = signed.headers;
    const response = await this.send(url, { method: 'POST', headers, body });
    const text = await response.text();
    let answer: GraphqlAnswer<T>;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Error(`AppSync answered ${response.status} with something other than JSON: ${text.slice(0, 200)}`);
    }
    if (!response.ok || answer.errors?.length || !answer.data) {
      const errors = (answer.errors ?? []).map((e) => `${e.errorType ?? 'Error'}: ${e.message ?? ''}`).join('; ');
      throw new Error(`AppSync refused the request (${response.status}): ${errors || 'no data'}`);
    }
    return answer.data;
  }
}
