/**
 * The local cloud's Cognito: cognito-local, assembled from its parts (its own `createDefaultServer`
 * is a dozen lines of wiring) with the pieces it lacks put in place of its defaults:
 *
 * | part              | cognito-local default                  | here                                        |
 * |-------------------|----------------------------------------|---------------------------------------------|
 * | pools, clients    | created by API calls / config files    | the templates' (provision.ts)               |
 * | triggers          | AWS SDK v2 Lambda client, own events   | the local `Invoker`, Cognito's events        |
 * | messages          | a box printed on the console           | the outbox, text from the templates          |
 * | tokens            | signed with the key in its npm package | signed with a key made in the data dir      |
 * | JWKS              | that package's public key              | ours, with its `kid`                         |
 * | router            | its targets                            | + GetTokensFromRefreshToken, ResendConfirmationCode, GlobalSignOut, Cognito's checks (router.ts) |
 *
 * Nothing in node_modules is changed or patched: every part goes in through cognito-local's own
 * constructors and interfaces. One HTTP server answers the JWKS and OpenID discovery documents and
 * passes everything else to cognito-local's express app (CORS for any origin included).
 */
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type Pino from 'pino';
import { createServer } from 'cognito-local/lib/server/server.js';
import { Router } from 'cognito-local/lib/server/Router.js';
import type { Config } from 'cognito-local/lib/server/config.js';
import { DateClock } from 'cognito-local/lib/services/clock.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import type { CryptoService } from 'cognito-local/lib/services/crypto.js';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import { TriggersService } from 'cognito-local/lib/services/triggers/triggers.js';
import { attributesToRecord, UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js';
import { LOCAL_ACCOUNT, LOCAL_REGION, type Naming, type Resource } from '../assembly/assembly';
import type { Assembly } from '../assembly/assembly';
import { HOST, PORTS, type Invoker, type Outbox } from '../ports';
import { loadOrCreateSigningKey } from './keys';
import { OutboxMessages } from './messages';
import { provision } from './provision';
import { localRouter, type AuthFlowPolicy } from './router';
import { readAuthTemplates, resourceKey } from './templates';
import { LocalTokenGenerator } from './tokens';
import { TriggerLambdas } from './triggers';
import { createUser, ensureAdmin, type AdminCredentials, type CreatedUser, type NewUser } from './users';

export type { AdminCredentials, CreatedUser, NewUser } from './users';

/** pino, as cognito-local (whose dependency it is, not ours) resolves it: its express app needs a pino logger. */
const pino = createRequire(createRequire(import.meta.url).resolve('cognito-local/package.json'))('pino') as typeof Pino;
export type { AuthFlowPolicy } from './router';

export interface StartCognitoOptions {
  /** The cloud assembly, read with the names the rest of the local cloud gives (Lambda functions in particular). */
  assembly: Assembly;
  /** Where pools, users, the signing key and the admin's password are kept (`.local/cognito`). */
  dataDir: string;
  /** Default `PORTS.cognito` (9229); 0 picks a free port. */
  port?: number;
  host?: string;
  invoker: Invoker;
  outbox: Outbox;
  /** A client using an auth flow its `ExplicitAuthFlows` lacks: `warn` (default) or `enforce` as Cognito does. */
  authFlows?: AuthFlowPolicy;
  /** Where notable things are reported (trigger failures, unsupported settings). Default: console.warn. */
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /** cognito-local's own (pino) log level. Default `COGNITO_LOG_LEVEL` or `error`. */
  logLevel?: string;
}

export interface LocalUserPool {
  /** `<stack>/<logicalId>` of the template's resource. */
  key: string;
  logicalId: string;
  userPoolId: string;
  issuer: string;
  jwksUri: string;
  clients: { key: string; logicalId: string; clientId: string }[];
}

export interface LocalCognito {
  /** What clients use as their Cognito endpoint (Amplify's `userPoolEndpoint`, the SDK's `endpoint`). */
  endpoint: string;
  /** The (first) user pool of the templates and its (first) client. */
  userPoolId: string;
  clientId: string;
  /** Equals the `iss` claim of the pool's tokens: `http://<host>:<port>/<userPoolId>`. */
  issuer: string;
  /** `${issuer}/.well-known/jwks.json`: the public key the tokens are signed with. */
  jwksUri: string;
  userPools: LocalUserPool[];
  /** Answers `Ref`/`Fn::GetAtt` for the templates' pools, clients and groups with the local ids. */
  naming: Naming;
  /** A confirmed user with a verified email in the (first) pool, in the given groups. */
  createUser(user: NewUser, userPoolId?: string): Promise<CreatedUser>;
  /** The admin (in `admins`), with the password of `dataDir/admin.json` unless one is given. */
  ensureAdmin(options?: { email?: string; password?: string }): Promise<AdminCredentials>;
  stop(): Promise<void>;
}

const six = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const startCognito = async (options: StartCognitoOptions): Promise<LocalCognito> => {
  const { assembly, dataDir, invoker, outbox } = options;
  const host = options.host ?? HOST;
  const log =
    options.log ??
    ((message: string, detail?: Record<string, unknown>) =>
      detail ? console.warn(`[cognito] ${message}`, detail) : console.warn(`[cognito] ${message}`));
  const logger = pino({ level: options.logLevel ?? process.env.COGNITO_LOG_LEVEL ?? 'error' });
  const ctx = { logger };

  const templates = readAuthTemplates(assembly);
  if (!templates.pools.length)
    throw new Error(`the cloud assembly in ${assembly.dir} declares no AWS::Cognito::UserPool`);

  const dbDir = join(dataDir, 'db');
  mkdirSync(dbDir, { recursive: true });
  const key = loadOrCreateSigningKey(dataDir);
  const clock = new DateClock();
  const stores = new StormDBDataStoreFactory(dbDir);
  const cognito = await new CognitoServiceFactoryImpl(
    dbDir,
    stores,
    new UserPoolServiceFactoryImpl(clock, stores),
  ).create(ctx, {});
  const provisioned = await provision(ctx, cognito, templates, dataDir);

  for (const pool of provisioned.pools) {
    for (const trigger of pool.spec.unsupportedTriggers)
      log(`${pool.spec.resource.logicalId}: the ${trigger} trigger does not run locally`);
  }
  const lambdas = new TriggerLambdas(invoker, new Map(provisioned.pools.map((p) => [p.id, p.spec.triggers])), log);
  // Custom email/SMS senders (the only users of KMS) are not run locally: no crypto is needed.
  const noCrypto = {
    encrypt: () => Promise.reject(new Error('KMS is not available locally')),
  } as unknown as CryptoService;
  const triggers = new TriggersService(clock, cognito, lambdas, noCrypto);
  // cognito-local logs and swallows a failing PostConfirmation; Cognito answers ConfirmSignUp with
  // the error (the user stays confirmed), which is what a developer needs to see.
  Object.assign(triggers, {
    postConfirmation: async (
      c: typeof ctx,
      p: {
        clientId: string;
        clientMetadata?: Record<string, string>;
        source: string;
        userAttributes: Parameters<typeof attributesToRecord>[0];
        username: string;
        userPoolId: string;
      },
    ) => {
      await lambdas.invoke(c, 'PostConfirmation', {
        clientId: p.clientId,
        clientMetadata: p.clientMetadata,
        triggerSource: p.source,
        userAttributes: attributesToRecord(p.userAttributes),
        username: p.username,
        userPoolId: p.userPoolId,
      });
    },
  });

  let issuerBase = '';
  const services: Services = {
    clock,
    cognito,
    config: {
      LambdaClient: {},
      TriggerFunctions: {},
      UserPoolDefaults: {},
      ServerConfig: { hostname: host },
      TokenConfig: {},
    } as Config,
    messages: new OutboxMessages(cognito, lambdas, outbox, log),
    otp: six,
    tokenGenerator: new LocalTokenGenerator(clock, key, () => issuerBase, cognito, lambdas),
    triggers,
  };
  const router = localRouter(Router(services), { services, lambdas, key, authFlows: options.authFlows ?? 'warn', log });
  const app = createServer(router, logger as never, { hostname: host, development: false }, services).application as (
    req: unknown,
    res: unknown,
  ) => void;

  const jwks = JSON.stringify({ keys: [key.jwk] });
  const server: Server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const wellKnown = /^\/([\w-]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
    if (req.method === 'GET' && wellKnown) {
      const issuer = `${issuerBase}/${wellKnown[1]}`;
      const body =
        wellKnown[2] === 'jwks.json'
          ? jwks
          : JSON.stringify({
              issuer,
              jwks_uri: `${issuer}/.well-known/jwks.json`,
              id_token_signing_alg_values_supported: ['RS256'],
              subject_types_supported: ['public'],
              response_types_supported: ['code', 'token'],
              scopes_supported: ['openid', 'email', 'phone', 'profile'],
              token_endpoint: `${issuerBase}/oauth2/token`,
              authorization_endpoint: `${issuerBase}/oauth2/authorize`,
            });
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      res.end(body);
      return;
    }
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`cognito: port ${options.port ?? PORTS.cognito} on ${host} is in use`)
          : error,
      ),
    );
    server.listen(options.port ?? PORTS.cognito, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? PORTS.cognito);
  const endpoint = `http://${host}:${port}`;
  issuerBase = endpoint;

  const userPools: LocalUserPool[] = provisioned.pools.map((p) => ({
    key: p.key,
    logicalId: p.spec.resource.logicalId,
    userPoolId: p.id,
    issuer: `${endpoint}/${p.id}`,
    jwksUri: `${endpoint}/${p.id}/.well-known/jwks.json`,
    clients: provisioned.clients
      .filter((c) => c.poolKey === p.key)
      .map((c) => ({ key: c.key, logicalId: c.key.split('/').pop()!, clientId: c.id })),
  }));
  const main = userPools[0];
  if (!main.clients.length) log(`${main.logicalId} has no app client in the templates`);

  const poolIds = new Map(provisioned.pools.map((p) => [p.key, p.id]));
  const clientIds = new Map(provisioned.clients.map((c) => [c.key, c.id]));
  const naming: Naming = {
    physicalId(resource: Resource) {
      const key = resourceKey(resource);
      if (resource.type === 'AWS::Cognito::UserPool') return poolIds.get(key);
      if (resource.type === 'AWS::Cognito::UserPoolClient') return clientIds.get(key);
      if (resource.type === 'AWS::Cognito::UserPoolGroup' && typeof resource.properties.GroupName === 'string')
        return resource.properties.GroupName;
      return undefined;
    },
    attribute(resource: Resource, name: string) {
      const key = resourceKey(resource);
      if (resource.type === 'AWS::Cognito::UserPool') {
        const id = poolIds.get(key);
        if (!id) return undefined;
        const provider = `cognito-idp.${LOCAL_REGION}.amazonaws.com/${id}`;
        return {
          Arn: `arn:aws:cognito-idp:${LOCAL_REGION}:${LOCAL_ACCOUNT}:userpool/${id}`,
          ProviderName: provider,
          ProviderURL: `https://${provider}`,
          UserPoolId: id,
        }[name];
      }
      if (resource.type === 'AWS::Cognito::UserPoolClient' && name === 'ClientId') return clientIds.get(key);
      return undefined;
    },
  };

  const createIn = (user: NewUser, userPoolId = main.userPoolId) => createUser(ctx, cognito, clock, userPoolId, user);
  return {
    endpoint,
    userPoolId: main.userPoolId,
    clientId: main.clients[0]?.clientId ?? '',
    issuer: main.issuer,
    jwksUri: main.jwksUri,
    userPools,
    naming,
    createUser: createIn,
    ensureAdmin: (adminOptions) => ensureAdmin(dataDir, (user) => createIn(user), adminOptions),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
