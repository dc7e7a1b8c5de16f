// The questions simulation-backed policies can ask the model, by name.
import type { PolicyModel } from './types.ts';

const models: PolicyModel[] = [];

export const POLICY_MODELS: ReadonlyMap<string, PolicyModel> = new Map(models.map((m) => [m.name, m]));
