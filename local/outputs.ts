import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Assembly } from './assembly/assembly';

type BackendOutput = Record<string, { version: string; payload: Record<string, string> }>;

/**
 * `amplify_outputs.json` for the local cloud, made by Amplify's own translation (the client-config
 * contributors `ampx` uses) from the root stack's outputs as the local cloud names them. Amplify
 * reads the outputs from CloudFormation; here they come from the assembly, so the two never differ
 * but for the local names and the two local-only facts added below.
 */
export const amplifyOutputs = async (
  assembly: Assembly,
  local: { userPoolEndpoint: string },
): Promise<Record<string, unknown>> => {
  // Amplify exports only the file-writing entry point; its translation lives in internal modules.
  const lib = dirname(createRequire(import.meta.url).resolve('@aws-amplify/client-config'));
  const load = (file: string) => import(pathToFileURL(join(lib, file)).href);
  const { UnifiedClientConfigGenerator } = await load('unified_client_config_generator.js');
  const { ClientConfigContributorFactory } = await load(
    'client-config-contributor/client_config_contributor_factory.js',
  );

  const root = assembly.stacks.find((s) => !s.parent)!;
  const outputs = assembly.outputs();
  const metadata =
    (root.template as { Metadata?: Record<string, { version: string; stackOutputs: string[] }> }).Metadata ?? {};
  const backendOutput: BackendOutput = Object.fromEntries(
    Object.entries(metadata).map(([key, entry]) => [
      key,
      {
        version: entry.version,
        payload: Object.fromEntries(
          entry.stackOutputs.filter((name) => outputs[name] !== undefined).map((name) => [name, String(outputs[name])]),
        ),
      },
    ]),
  );
  // The model introspection schema lives in S3 on AWS; the storefront sends its own queries.
  const contributors = new ClientConfigContributorFactory({
    getModelIntrospectionSchemaFromS3Uri: async () => undefined,
  });
  const config = await new UnifiedClientConfigGenerator(
    async () => backendOutput,
    contributors.getContributors('1.4'),
  ).generateClientConfig();

  // There is no local Cognito identity pool: without one, Amplify asks for no AWS credentials.
  delete config.auth.identity_pool_id;
  config.auth.unauthenticated_identities_enabled = false;
  config.custom = { ...config.custom, userPoolEndpoint: local.userPoolEndpoint };
  return config;
};
