import { AllocationState } from '../domain/allocation-state.js';
import type { AllocationWeights, NodeFacts, OrderPlan, OrderToAllocate } from '../domain/allocation.types.js';
import { allocateBatchGreedy, optionsFor } from '../domain/greedy-allocator.js';
import { buildMipModel, decodeMipSolution } from '../domain/mip-model.js';
import { solveSmallExactly } from '../domain/exact-plan.js';
import { HighsSolver, type SolveLimits } from './highs-solver.js';

export interface BatchResult {
  plans: OrderPlan[];
  method: 'MIP' | 'GREEDY';
  objective: number;
  greedyObjective: number;
  solverMillis: number | null;
  /** Why the solver's plan was not used, when it was not. */
  fallbackReason: string | null;
}

export interface PlannerSettings extends SolveLimits {
  /** Above this many integer variables the greedy plan is used directly: the solver would not pay for itself. */
  maxVariables: number;
}

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = { timeLimitSeconds: 1, mipRelGap: 0.001, maxVariables: 20_000 };

const total = (plans: OrderPlan[]) => plans.reduce((sum, plan) => sum + plan.objective, 0);

/**
 * Plans a batch with the greedy allocator, then finds the MIP's optimum (by enumeration when the batch is tiny,
 * else by asking HiGHS within the time limit) and keeps whichever is cheaper. Any solver trouble (timeout, crash,
 * infeasible status) leaves the greedy plan in place. `state` is updated with the chosen plan's takings.
 */
export async function planBatch(
  orders: readonly OrderToAllocate[],
  nodes: readonly NodeFacts[],
  weights: AllocationWeights,
  state: AllocationState,
  solver: HighsSolver | null,
  settings: PlannerSettings = DEFAULT_PLANNER_SETTINGS,
): Promise<BatchResult> {
  const before = state.clone();
  const greedyState = state.clone();
  const greedy = allocateBatchGreedy(orders, nodes, weights, greedyState);
  const greedyObjective = total(greedy);
  const useGreedy = (reason: string, solverMillis: number | null = null): BatchResult => {
    state.replaceWith(greedyState);
    return { plans: greedy, method: 'GREEDY', objective: greedyObjective, greedyObjective, solverMillis, fallbackReason: reason };
  };
  if (!solver) return useGreedy('no solver configured');
  const input = { orders, options: orders.map((order) => optionsFor(order, nodes, weights)), state: before };
  const model = buildMipModel(input);
  if (model.variableCount > settings.maxVariables) return useGreedy(`model too large (${model.variableCount} variables)`);
  const exact = solveSmallExactly(input, model);
  if (exact) {
    // The same optimum the solver would reach, without the round trip to its worker (most placements are this small).
    const mipState = before.clone();
    const plans = decodeMipSolution({ ...input, state: mipState }, model, exact);
    const objective = total(plans);
    if (objective > greedyObjective + 1e-6) return useGreedy('exact plan not better than greedy');
    state.replaceWith(mipState);
    return { plans, method: 'MIP', objective, greedyObjective, solverMillis: null, fallbackReason: null };
  }
  try {
    const solution = await solver.solve(model.lp, settings);
    if (!HighsSolver.usable(solution)) return useGreedy(`solver status: ${solution.status}`, solution.millis);
    const mipState = before.clone();
    const plans = decodeMipSolution({ ...input, state: mipState }, model, solution.values);
    const objective = total(plans);
    if (objective > greedyObjective + 1e-6) return useGreedy('solver plan not better than greedy', solution.millis);
    state.replaceWith(mipState);
    return { plans, method: 'MIP', objective, greedyObjective, solverMillis: solution.millis, fallbackReason: null };
  } catch (error) {
    return useGreedy(error instanceof Error ? error.message : String(error));
  }
}
