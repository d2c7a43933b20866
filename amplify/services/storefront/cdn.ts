import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { createHash } from 'node:crypto';

const cloudFront = new CloudFrontClient({});

/**
 * Drops the CDN's copies of the paths. The caller reference is the event and the paths, so a
 * retried event makes no second invalidation. Invalidating a path drops every copy cached under it
 * (the RSC variants too, as long as the cache policy keeps `_rsc` out of the cache key).
 */
export const invalidateOnCdn = async (distributionId: string, eventId: string, paths: readonly string[]) => {
  const digest = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 16);
  const { Invalidation } = await cloudFront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: `${eventId}-${digest}`,
        Paths: { Quantity: paths.length, Items: [...paths] },
      },
    }),
  );
  return Invalidation?.Id;
};
