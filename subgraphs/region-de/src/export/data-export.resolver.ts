import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { DataExportService } from './data-export.service.js';

export function createDataExportResolver(exports: DataExportService) {
  @Resolver()
  class DeDataExportResolver {
    @Authorized('customer')
    @Query(() => GraphQLJSONObject, {
      description:
        "The caller's own data held by region-de, as machine-readable JSON (GDPR art. 15(3) and 20), invoice data kept after erasure included; customers only.",
    })
    deDataExport(@Ctx() context: RequestContext): Promise<Record<string, unknown>> {
      return exports.exportFor(context);
    }
  }
  return DeDataExportResolver;
}
