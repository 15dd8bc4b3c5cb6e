import type { RegisterSubgraphRequest } from '@hub/shared/messaging/registry-contracts';

/**
 * Problems with who registers what; empty when the sender may. `sender` is the identity NATS proved (the
 * subject's last token). A subgraph registers only itself, and a region only the region its name says, because a
 * registration decides where that region's orders (and its customers' tokens) are sent.
 */
export function registrationSenderProblems(sender: string, request: Pick<RegisterSubgraphRequest, 'name' | 'region'>): string[] {
  const problems: string[] = [];
  if (request.name !== sender) problems.push(`name: ${sender} may register only itself, not ${request.name}`);
  if (request.region && request.name !== `region-${request.region.code}`)
    problems.push(`region.code: ${request.name} may not register region ${request.region.code}`);
  return problems;
}
