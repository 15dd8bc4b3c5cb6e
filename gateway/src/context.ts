import type { Principal } from '@hub/shared/auth/principal';

export interface GatewayContext {
  principal: Principal;
  /** The caller's Authorization header, forwarded as is. */
  authorization: string;
}
