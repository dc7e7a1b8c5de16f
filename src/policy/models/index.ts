// The questions simulation-backed policies can ask the model, by name.
import { claimBindingModel } from './claim-binding.ts';
import { networkPolicyModel } from './network-policy.ts';
import { rolloutModel } from './rollout.ts';
import { schedulingModel } from './scheduling.ts';
import { serviceEndpointsModel } from './service-endpoints.ts';
import type { PolicyModel } from './types.ts';

const models: PolicyModel[] = [claimBindingModel, schedulingModel, rolloutModel, serviceEndpointsModel, networkPolicyModel];

export const POLICY_MODELS: ReadonlyMap<string, PolicyModel> = new Map(models.map((m) => [m.name, m]));
